import { tmpdir } from 'node:os';
import type { JobDefinitionDef } from '../../scripts/local-cloud/wiring/model';

/** The local Batch's account prefix of the unit tests' ARNs. */
export const BATCH_ARN = 'arn:aws:batch:us-east-1:000000000000';

/**
 * A job definition as the wiring reads one: a container job, or a 2-node multi-node job, running
 * `command` on `vcpus` vCPUs with `true` as the entry point.
 */
export function jobDefinition(
  name: string,
  type: 'container' | 'multinode',
  { command, vcpus }: { command: string; vcpus: number },
): JobDefinitionDef {
  const container = { command: [command], resourceRequirements: [{ type: 'VCPU', value: String(vcpus) }] };
  return {
    name,
    arn: `${BATCH_ARN}:job-definition/${name}:1`,
    revision: 1,
    type,
    service: 'test',
    entryPoint: ['true'],
    rootDir: tmpdir(),
    properties:
      type === 'container'
        ? { containerProperties: container }
        : {
            nodeProperties: {
              numNodes: 2,
              mainNode: 0,
              nodeRangeProperties: [{ targetNodes: '0:', container }],
            },
          },
  };
}
