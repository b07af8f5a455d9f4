import { requiredString } from './callbackInput';
import type { SfnAction } from './context';

/** SendTaskHeartbeat: restarts the `HeartbeatSeconds` clock of the waiting Task of the token. */
export const SendTaskHeartbeat: SfnAction = (input, { store }) => {
  store.tokens.heartbeat(requiredString(input, 'taskToken'));
  return {};
};
