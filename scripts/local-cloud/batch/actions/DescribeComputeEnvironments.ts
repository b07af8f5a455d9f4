import { ApiError } from '../../http';
import type { ComputeEnvironmentDef } from '../../wiring/model';
import { ecsClusterArn } from '../ecsCluster';
import { isFargate } from '../placement';
import type { BatchAction } from './context';

/** A ComputeEnvironmentDetail: what the template declares, VALID, with the ECS cluster Batch made for it. */
function detail(environment: ComputeEnvironmentDef): Record<string, unknown> {
  const managed = environment.type !== 'UNMANAGED';
  return {
    computeEnvironmentName: environment.name,
    computeEnvironmentArn: environment.arn,
    ecsClusterArn: ecsClusterArn(environment),
    type: environment.type,
    state: environment.state,
    status: 'VALID',
    statusReason: 'ComputeEnvironment Healthy',
    containerOrchestrationType: 'ECS',
    computeResources: managed
      ? {
          type: environment.resourceType,
          minvCpus: environment.minvCpus,
          maxvCpus: environment.maxvCpus,
          desiredvCpus: environment.minvCpus,
          // Fargate environments take no instance types.
          instanceTypes: isFargate(environment) ? undefined : environment.instanceTypes,
          placementGroup: environment.placementGroup,
        }
      : undefined,
  };
}

/**
 * DescribeComputeEnvironments: every environment, or up to 100 named (names or ARNs; unknown ones
 * are left out, as AWS does), paged by `maxResults` (1-100) and `nextToken`.
 */
export const DescribeComputeEnvironments: BatchAction = (input, { store }) => {
  const wanted = Array.isArray(input.computeEnvironments) ? input.computeEnvironments.map(String) : [];
  if (wanted.length > 100) {
    throw new ApiError(400, 'ClientException', 'computeEnvironments: at most 100 names or ARNs per call');
  }
  const environments = store.computeEnvironments.filter(
    (environment) =>
      wanted.length === 0 || wanted.includes(environment.name) || wanted.includes(environment.arn),
  );
  const size = Math.min(Math.max(Number(input.maxResults ?? 100) || 100, 1), 100);
  const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
  return {
    computeEnvironments: environments.slice(start, start + size).map(detail),
    nextToken: start + size < environments.length ? String(start + size) : undefined,
  };
};
