import type { SFNClient } from '@aws-sdk/client-sfn';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';

/** Ends a state machine's callback wait. */
export interface TaskSignal {
  /** Sends the task's output; false when its wait has already ended (or the token is not one). */
  succeed(taskToken: string, output: unknown): Promise<boolean>;
}

/** Step Functions' answers for a token whose wait is over: nobody is waiting on it any more. */
const CLOSED_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * {@link TaskSignal} on Step Functions' SendTaskSuccess. A closed token is an expected outcome
 * (several signals race for one wait), so it is a `false`, not an error.
 *
 * @example
 * await sfnTaskSignal(new SFNClient({})).succeed(token, { reason: 'job ended' });
 */
export function sfnTaskSignal(client: Pick<SFNClient, 'send'>): TaskSignal {
  return {
    async succeed(taskToken, output) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
        return true;
      } catch (error) {
        if (CLOSED_TOKEN_ERRORS.has((error as Error).name)) return false;
        throw error;
      }
    },
  };
}
