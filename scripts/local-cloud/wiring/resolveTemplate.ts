import { ConfigError } from '@seisless/core';
import NodeEvaluator from 'cfn-resolver-lib';
import { NAME_PROPERTY, type Physical, physicalOf, type StackScope } from './physicalIds';
import { isDict, leftover, NO_VALUE, withoutMarkers } from './resolverQuirks';
import { checkedCopy, type Known } from './templateReferences';

type Dict = Record<string, unknown>;

export interface CfnResource {
  Type: string;
  Properties?: Dict;
  [key: string]: unknown;
}

export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Parameters?: Dict;
  Conditions?: Dict;
  Mappings?: Dict;
}

export interface ResolvedTemplate {
  /** The resources with every intrinsic function evaluated. */
  resources: Record<string, CfnResource>;
  /** Ref and GetAtt values by logical id. */
  physical: Record<string, Physical>;
}

function pseudoParameters(scope: StackScope): Dict {
  return {
    'AWS::AccountId': scope.accountId,
    'AWS::Region': scope.region,
    'AWS::Partition': scope.partition,
    'AWS::StackName': scope.stackName,
    'AWS::StackId': `arn:${scope.partition}:cloudformation:${scope.region}:${scope.accountId}:stack/${scope.stackName}/00000000-0000-4000-8000-000000000000`,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': NO_VALUE,
  };
}

/** The resources whose `Condition` holds: CloudFormation creates no others. */
function created(resources: Record<string, CfnResource>): Record<string, CfnResource> {
  return Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Condition !== false));
}

/** Evaluates one value that may only use pseudo parameters (a resource's name). */
function evaluateAlone(value: unknown, scope: StackScope): unknown {
  return new NodeEvaluator(
    { Parameters: {}, Value: value },
    { RefResolvers: pseudoParameters(scope) },
  ).evaluateNodes().Value;
}

function resourceName(
  logicalId: string,
  resource: CfnResource,
  scope: StackScope,
  file: string,
): string | undefined {
  const property = NAME_PROPERTY[resource.Type];
  const raw = property === undefined ? undefined : resource.Properties?.[property];
  if (raw === undefined) return undefined;
  const name = typeof raw === 'string' ? raw : evaluateAlone(raw, scope);
  if (typeof name !== 'string') {
    throw new ConfigError(
      `${file}: ${logicalId}.Properties.${property} resolves to ${JSON.stringify(name)}; expected a string`,
    );
  }
  return name;
}

function physicalIds(
  resources: Record<string, CfnResource>,
  scope: StackScope,
  file: string,
): Record<string, Physical> {
  const physical: Record<string, Physical> = {};
  for (const [id, resource] of Object.entries(resources)) {
    physical[id] = physicalOf(id, resource, resourceName(id, resource, scope, file), scope);
  }
  // A version's Ref is its function's ARN with the version number.
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Version') continue;
    const target = resource.Properties?.FunctionName;
    const ref = isDict(target) && typeof target.Ref === 'string' ? physical[target.Ref] : undefined;
    const functionArn = ref?.attributes.Arn ?? String(target);
    physical[id] = { ref: `${functionArn}:1`, attributes: { Version: '1', FunctionArn: functionArn } };
  }
  return physical;
}

/**
 * Evaluates the intrinsic functions of a packaged template with cfn-resolver-lib: pseudo parameters
 * of the local stack, Ref and Fn::GetAtt of its resources as CloudFormation returns them.
 */
export function resolveTemplate(template: CfnTemplate, scope: StackScope, file: string): ResolvedTemplate {
  const resources = template.Resources ?? {};
  const physical = physicalIds(resources, scope, file);
  const pseudo = pseudoParameters(scope);
  const refs = new Set([
    ...Object.keys(pseudo),
    ...Object.keys(resources),
    ...Object.keys(template.Parameters ?? {}),
  ]);
  const RefResolvers: Dict = { ...pseudo };
  const getAtt: Record<string, Dict> = {};
  for (const [id, values] of Object.entries(physical)) {
    RefResolvers[id] = values.ref;
    getAtt[id] = values.attributes;
    // Fn::Sub reads `${Id.Attribute}` from the same map as Ref.
    for (const [attribute, value] of Object.entries(values.attributes))
      RefResolvers[`${id}.${attribute}`] = value;
  }
  const known: Known = { refs, subValues: RefResolvers, physical, resources, file };
  const checked = checkedCopy(resources, known, 'Resources');
  const evaluated = new NodeEvaluator(
    {
      Parameters: template.Parameters ?? {},
      ...(template.Conditions && { Conditions: template.Conditions }),
      ...(template.Mappings && { Mappings: template.Mappings }),
      Resources: checked,
    },
    { RefResolvers, 'Fn::GetAttResolvers': getAtt },
  ).evaluateNodes();
  const resolved = created(withoutMarkers(evaluated.Resources ?? {}) as Record<string, CfnResource>);
  const unresolved = leftover(resolved, 'Resources');
  if (unresolved) throw new ConfigError(`${file}: ${unresolved} could not be evaluated by the local cloud`);
  return { resources: resolved, physical };
}
