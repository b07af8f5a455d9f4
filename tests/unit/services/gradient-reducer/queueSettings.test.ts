import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDUCER_QUEUE, reductionHorizonSeconds } from '@seisless/core';
import { parse } from 'yaml';

interface ReducerService {
  functions: { reduce: { timeout: number } };
  resources: {
    Resources: {
      GradientsQueue: {
        Properties: { VisibilityTimeout: number; RedrivePolicy: { maxReceiveCount: number } };
      };
    };
  };
}

const yml = join(__dirname, '..', '..', '..', '..', 'services', 'gradient-reducer', 'serverless.yml');
// `!GetAtt` and friends are CloudFormation tags; their values do not matter here.
const service = parse(readFileSync(yml, 'utf8'), { logLevel: 'silent' }) as ReducerService;

describe('REDUCER_QUEUE', () => {
  it('matches what services/gradient-reducer/serverless.yml deploys', () => {
    const queue = service.resources.Resources.GradientsQueue.Properties;
    expect({
      functionTimeoutS: service.functions.reduce.timeout,
      visibilityTimeoutS: queue.VisibilityTimeout,
      maxReceiveCount: queue.RedrivePolicy.maxReceiveCount,
    }).toEqual(REDUCER_QUEUE);
  });

  it('keeps the visibility timeout at least 6 × the function timeout (DESIGN §4) and crashes under 10 s', () => {
    expect(REDUCER_QUEUE.visibilityTimeoutS).toBeGreaterThanOrEqual(6 * REDUCER_QUEUE.functionTimeoutS);
    expect(REDUCER_QUEUE.visibilityTimeoutS).toBeLessThan(10);
  });

  it('gives the reduction every receive at the visibility timeout, plus a minute', () => {
    expect(reductionHorizonSeconds()).toBe(10 * 6 + 60);
  });
});
