import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { stepPorts } from '../ports';
import { chooseStep, stepRequestSchema } from '../step';

/** `step`: `{ runId, iteration }` → StepDecision (state-machine.md). */
export const handler = lambdaHandler(
  { service: 'seisless-line-search', logKeys: stateInputLogKeys, input: stepRequestSchema, deps: stepPorts },
  (request, { deps }) => chooseStep(request, deps),
);
