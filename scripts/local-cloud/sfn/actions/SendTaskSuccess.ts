import { parsedOutput, requiredString } from './callbackInput';
import type { SfnAction } from './context';

/** SendTaskSuccess: ends the waiting `.waitForTaskToken` Task of the token with `output` as its result. */
export const SendTaskSuccess: SfnAction = (input, { store }) => {
  const taskToken = requiredString(input, 'taskToken');
  store.tokens.succeed(taskToken, parsedOutput(input));
  return {};
};
