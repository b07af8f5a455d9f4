import { ConfigError } from '@seisless/core';
import type { ComputeEnvironmentDef, JobDefinitionDef, JobQueueDef } from './model';
import { resourcesOfType, type ServiceTemplate, type TemplateScope } from './serviceTemplate';

type Dict = Record<string, unknown>;

export function readComputeEnvironments(t: ServiceTemplate): ComputeEnvironmentDef[] {
  return resourcesOfType(t, 'AWS::Batch::ComputeEnvironment').map(([logicalId, props]) => {
    const resources = (props.ComputeResources ?? {}) as Dict;
    const arn = t.physical[logicalId]?.ref ?? '';
    return {
      name: arn.split('/').pop() ?? logicalId,
      arn,
      type: String(props.Type ?? 'MANAGED'),
      state: String(props.State ?? 'ENABLED'),
      resourceType: String(resources.Type ?? ''),
      instanceTypes: Array.isArray(resources.InstanceTypes) ? resources.InstanceTypes.map(String) : [],
      minvCpus: Number(resources.MinvCpus ?? 0),
      maxvCpus: Number(resources.MaxvCpus ?? 0),
      ...(resources.PlacementGroup !== undefined && { placementGroup: String(resources.PlacementGroup) }),
    };
  });
}

/** Job queues, their compute environments as ARNs (a name is accepted too, as Batch does). */
export function readJobQueues(t: ServiceTemplate, scope: TemplateScope): JobQueueDef[] {
  const prefix = `arn:${scope.partition}:batch:${scope.region}:${scope.accountId}:compute-environment/`;
  return resourcesOfType(t, 'AWS::Batch::JobQueue').map(([logicalId, props]) => {
    const arn = t.physical[logicalId]?.ref ?? '';
    const order = (
      Array.isArray(props.ComputeEnvironmentOrder) ? props.ComputeEnvironmentOrder : []
    ) as Dict[];
    return {
      name: arn.split('/').pop() ?? logicalId,
      arn,
      priority: Number(props.Priority ?? 1),
      state: String(props.State ?? 'ENABLED'),
      computeEnvironmentOrder: order.map((entry) => {
        const environment = String(entry.ComputeEnvironment);
        return {
          order: Number(entry.Order),
          computeEnvironment: environment.startsWith('arn:') ? environment : prefix + environment,
        };
      }),
      jobStateTimeLimitActions: (Array.isArray(props.JobStateTimeLimitActions)
        ? props.JobStateTimeLimitActions
        : []
      ).map((entry: Dict) => ({
        action: String(entry.Action),
        maxTimeSeconds: Number(entry.MaxTimeSeconds),
        reason: String(entry.Reason),
        state: String(entry.State),
      })),
    };
  });
}

/** Keys whose children are user data (left as written) rather than API members. */
const USER_MAPS = new Set(['parameters', 'tags']);

/** CloudFormation's PascalCase properties in the Batch API's camelCase. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    out[camel] = USER_MAPS.has(camel) ? item : camelCaseKeys(item);
  }
  return out;
}

function entryPoint(t: ServiceTemplate): string[] {
  const raw = ((t.custom.localCloud ?? {}) as Dict).entryPoint;
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigError(
      `${t.serviceDir}: custom.localCloud.entryPoint must be a non-empty list of strings`,
    );
  }
  return raw.map(String);
}

export function readJobDefinitions(t: ServiceTemplate, scope: TemplateScope): JobDefinitionDef[] {
  return resourcesOfType(t, 'AWS::Batch::JobDefinition').map(([logicalId, props]) => {
    const arn = t.physical[logicalId]?.ref ?? '';
    const properties = camelCaseKeys(props) as Dict;
    const type = properties.type === 'multinode' ? 'multinode' : 'container';
    if (type === 'container' && properties.containerProperties === undefined) {
      throw new ConfigError(`${t.file}: ${logicalId} has no ContainerProperties`);
    }
    if (type === 'multinode' && properties.nodeProperties === undefined) {
      throw new ConfigError(`${t.file}: ${logicalId} is multinode but has no NodeProperties`);
    }
    return {
      name: arn.replace(/^.*job-definition\//, '').replace(/:\d+$/, ''),
      arn,
      revision: 1,
      type,
      service: t.service,
      entryPoint: entryPoint(t),
      rootDir: scope.rootDir,
      properties,
    };
  });
}
