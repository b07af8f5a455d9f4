import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { z } from 'zod';
import { iteratorPorts } from '../ports';
import { type StartRunInput, startRun } from '../startRun';

/** The StartRun state's input, the execution's: the spec is checked by `startRun` itself. */
const startRunInputSchema: z.ZodType<StartRunInput> = z.object({
  runId: z.string().min(1),
  spec: z.unknown(),
  resume: z.boolean().optional(),
});

/** `startRun`: `{ runId, spec | null, resume? }` → RunContext. */
export const handler = lambdaHandler(
  {
    service: 'seisless-iterator',
    logKeys: stateInputLogKeys,
    input: startRunInputSchema,
    deps: iteratorPorts,
  },
  (input, { logger, deps: { config, store, objects } }) =>
    startRun(input, {
      store,
      objects,
      pollSeconds: config.pollSeconds,
      now: () => new Date(),
      warn: (warning) => logger.warn('spec warning', { warning }),
    }),
);
