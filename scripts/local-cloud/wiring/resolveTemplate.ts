import { ConfigError } from '@seisless/core';
import NodeEvaluator from 'cfn-resolver-lib';
import { NAME_PROPERTY, type Physical, physicalOf, type StackScope } from './physicalIds';

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

/**
 * cfn-resolver-lib replaces an object that has a single key holding a list by that list (meant for
 * `{ "Fn::Join": [...] }`, it also flattens `{ "Statement": [...] }`); a marker key on every plain
 * object keeps them intact. It also returns an IAM statement's `Condition` with more than one
 * operator unevaluated, so that key travels under another name. Both are undone in the result.
 */
const KEEP = '__localCloudKeep';
const CONDITION = '__localCloudCondition';
/** What `Ref: AWS::NoValue` evaluates to before the property or list item holding it is removed. */
const NO_VALUE = '__localCloudNoValue';

function isIntrinsic(value: Dict): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || String(keys[0]).startsWith('Fn::'))
  );
}

function withoutMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== NO_VALUE).map(withoutMarkers);
  if (!isDict(value)) return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== KEEP && item !== NO_VALUE) out[key === CONDITION ? 'Condition' : key] = withoutMarkers(item);
  }
  return out;
}

/** The resources whose `Condition` holds: CloudFormation creates no others. */
function created(resources: Record<string, CfnResource>): Record<string, CfnResource> {
  return Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Condition !== false));
}

function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
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

interface Known {
  refs: Set<string>;
  /** What `${name}` of Fn::Sub stands for: pseudo parameters, resources, `Resource.Attribute`. */
  subValues: Dict;
  physical: Record<string, Physical>;
  resources: Record<string, CfnResource>;
  file: string;
}

function checkAttribute(id: string, attribute: string, known: Known, where: string): void {
  const resource = known.resources[id];
  if (resource === undefined) {
    throw new ConfigError(
      `${known.file}: Template error: instance of Fn::GetAtt references undefined resource ${id} (in ${where})`,
    );
  }
  if (known.physical[id]?.attributes[attribute] === undefined) {
    throw new ConfigError(
      `${known.file}: ${where}: Fn::GetAtt ${id}.${attribute} is not known to the local cloud for ${resource.Type}`,
    );
  }
}

function checkSub(text: string, local: Set<string>, known: Known, where: string): void {
  for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
    const name = match[1] ?? '';
    if (local.has(name) || known.refs.has(name)) continue;
    const [id, ...rest] = name.split('.');
    if (rest.length > 0 && id !== undefined) checkAttribute(id, rest.join('.'), known, where);
    else
      throw new ConfigError(
        `${known.file}: ${where}: Fn::Sub variable \${${name}} is not a parameter or resource`,
      );
  }
}

/**
 * A copy of `value` with `Fn::GetAtt: 'A.B'` in its list form, after checking that every Ref,
 * GetAtt and Fn::Sub variable names something the template defines (CloudFormation refuses the
 * template otherwise), so the resolver never has to guess.
 */
function checkedCopy(value: unknown, known: Known, where: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => checkedCopy(item, known, `${where}[${index}]`));
  if (!isDict(value)) return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    const path = `${where}.${key}`;
    if (key === 'Ref' && typeof item === 'string' && !known.refs.has(item)) {
      throw new ConfigError(
        `${known.file}: ${path}: Template format error: Unresolved resource dependencies [${item}]`,
      );
    }
    if (key === 'Fn::GetAtt') {
      const pair = typeof item === 'string' ? item.split(/\.(.*)/s).slice(0, 2) : (item as unknown[]);
      checkAttribute(String(pair[0]), String(pair[1]), known, path);
      out[key] = pair;
      continue;
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(item) ? item : [item, {}];
      const local = new Set(Object.keys(isDict(variables) ? variables : {}));
      if (typeof text === 'string') checkSub(text, local, known, path);
      if (Array.isArray(item) && typeof text === 'string' && isDict(variables)) {
        // The resolver reads only the given map in this form; CloudFormation also the template's names.
        const global = [...text.matchAll(/\$\{([^}!][^}]*)\}/g)]
          .map((match) => match[1] ?? '')
          .filter((name) => !local.has(name) && name in known.subValues);
        const merged = {
          ...Object.fromEntries(global.map((name) => [name, known.subValues[name]])),
          ...variables,
        };
        out[key] = [text, checkedCopy(merged, known, `${path}[1]`)];
        continue;
      }
    }
    // A resource's Condition is a name; a statement's is an object.
    out[key === 'Condition' && isDict(item) ? CONDITION : key] = checkedCopy(item, known, path);
  }
  if (!isIntrinsic(value)) out[KEEP] = true;
  return out;
}

/** The path of the first intrinsic function left unevaluated, if any. */
function leftover(value: unknown, where: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = leftover(item, `${where}[${index}]`);
      if (found) return found;
    }
  } else if (isDict(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' || key.startsWith('Fn::')) return `${where}.${key}`;
      const found = leftover(item, `${where}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
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
  const known = { refs, subValues: RefResolvers, physical, resources, file };
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
