import { SFNClient } from '@aws-sdk/client-sfn';
import {
  awaitWake,
  awaitWakeInputSchema,
  type Env,
  lambdaHandler,
  sfnTaskSignal,
  stateInputLogKeys,
} from '@seisless/core';
import { iteratorPorts } from '../ports';

/** The iterator's ports plus Step Functions' callback, built once per cold start. */
function wakePorts(env: Env) {
  return { ...iteratorPorts(env), signal: sfnTaskSignal(new SFNClient({})) };
}

/**
 * The state machine's waits (AwaitJobs, AwaitGradients, AwaitReduction: `.waitForTaskToken`):
 * `{ runId, since, taskToken }` → `{ state: 'woken' | 'waiting' }`. The wait itself ends when a
 * signal sends the token (docs/contracts/state-machine.md, "Waiting").
 */
export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys, input: awaitWakeInputSchema, deps: wakePorts },
  async (input, { deps: { store, signal } }) => ({
    state: await awaitWake({ store, signal, now: Date.now }, input),
  }),
);
