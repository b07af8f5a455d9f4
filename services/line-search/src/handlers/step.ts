import { S3Client } from '@aws-sdk/client-s3';
import { lambdaHandler, s3ObjectStore, stateInputLogKeys } from '@seisless/core';
import { s3AccumulatorReader } from '../adapters/s3AccumulatorReader';
import { loadConfig } from '../config';
import type { StepDecision } from '../lineSearchState';
import type { StepDeps } from '../ports';
import { chooseStep } from '../step';

let deps: StepDeps | undefined;

/** Built on first use and kept for the life of the container. */
function stepDeps(): StepDeps {
  if (deps === undefined) {
    const { bucket } = loadConfig(process.env);
    const s3 = new S3Client({});
    deps = { store: s3ObjectStore(s3, bucket), accumulators: s3AccumulatorReader(s3, bucket), now: Date.now };
  }
  return deps;
}

/** `step`: `{ runId, iteration }` → StepDecision (state-machine.md). */
export const handler = lambdaHandler<unknown, StepDecision>(
  { service: 'seisless-line-search', logKeys: stateInputLogKeys },
  (event) => chooseStep(event, stepDeps()),
);
