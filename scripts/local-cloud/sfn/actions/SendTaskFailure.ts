import { optionalString, requiredString } from './callbackInput';
import type { SfnAction } from './context';

/** SendTaskFailure: fails the waiting Task of the token with `error` (what Retry/Catch match) and `cause`. */
export const SendTaskFailure: SfnAction = (input, { store }) => {
  const taskToken = requiredString(input, 'taskToken');
  const error = optionalString(input, 'error', 256);
  const cause = optionalString(input, 'cause', 32768);
  store.tokens.fail(taskToken, error, cause);
  return {};
};
