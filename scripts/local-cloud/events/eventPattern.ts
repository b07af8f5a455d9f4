import { alternativeTest, invalid, type PatternSite, unsupported, type ValueTest } from './patternOperators';

/**
 * EventBridge event patterns (content filtering), as the EventBridge User Guide defines them:
 * fields AND, the values listed for a field OR; a field whose event value is an array matches when
 * any element matches; nested objects match nested objects (or any object of an array of them);
 * literal strings, numbers, booleans and null; `prefix`, `anything-but` (a value, a list, or a
 * prefix), `exists` (a leaf value is there, or not, a leaf under a missing parent being absent) and
 * `numeric` comparisons. Every other operator
 * (`suffix`, `equals-ignore-case`, `wildcard`, `cidr`, `$or`, …) fails start-up naming the rule and
 * the operator, rather than silently never matching.
 *
 * Our own matcher: the npm registry here serves no small library made for exactly this (eb-patterns
 * is not served; serverless-offline-aws-eventbridge is a whole plugin; the SDK's TestEventPattern
 * calls AWS), and the rules must be checked at start-up anyway.
 */
export type EventMatcher = (event: unknown) => boolean;

type Dict = Record<string, unknown>;

/** A field's test: its value in the event, undefined when the event lacks it. */
type FieldTest = (value: unknown) => boolean;

const isObject = (value: unknown): value is Dict =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The leaf values at a field: itself, or an array's elements (flattened); none for absent or object. */
function leaves(value: unknown): unknown[] {
  if (value === undefined || isObject(value)) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  return [value];
}

/** A field listing values: it matches when one of its leaf values passes one of them. */
function leafField(alternatives: unknown[], site: PatternSite): FieldTest {
  if (alternatives.length === 0) throw invalid(site, 'is an empty list; expected at least one value');
  const tests: ValueTest[] = [];
  const existence: boolean[] = [];
  for (const alternative of alternatives) {
    if (isObject(alternative) && Object.hasOwn(alternative, 'exists')) {
      if (Object.keys(alternative).length > 1 || typeof alternative.exists !== 'boolean') {
        throw invalid(site, `exists takes true or false alone; got ${JSON.stringify(alternative)}`);
      }
      existence.push(alternative.exists);
    } else tests.push(alternativeTest(alternative, site));
  }
  return (value) => {
    const values = leaves(value);
    if (existence.includes(values.length > 0)) return true;
    return values.some((leaf) => tests.some((test) => test(leaf)));
  };
}

/**
 * The objects a nested pattern is matched against: the value, or an array's objects. Without any,
 * an empty object: EventBridge matches on leaf paths (`detail.arrayProperties.index`), so a leaf
 * under a missing parent is simply absent, and `exists: false` matches it (aws/event-ruler's
 * README: exists "only works on the leaf nodes").
 */
function nestedObjects(value: unknown): Dict[] {
  const objects = (Array.isArray(value) ? value : [value]).filter(isObject);
  return objects.length === 0 ? [{}] : objects;
}

function compileObject(pattern: Dict, rule: string, path: string[]): (object: Dict) => boolean {
  const here = path.join('.') || '(top level)';
  const entries = Object.entries(pattern);
  if (entries.length === 0) throw invalid({ rule, field: here }, 'is an empty object; expected fields');
  const fields = entries.map(([key, sub]): [string, FieldTest] => {
    if (key === '$or') throw unsupported({ rule, field: here }, '$or');
    const site = { rule, field: [...path, key].join('.') };
    if (Array.isArray(sub)) return [key, leafField(sub, site)];
    if (isObject(sub)) {
      const nested = compileObject(sub, rule, [...path, key]);
      return [key, (value) => nestedObjects(value).some(nested)];
    }
    throw invalid(site, `is ${JSON.stringify(sub)}; expected a list of values or an object of fields`);
  });
  return (object) =>
    fields.every(([key, test]) => test(Object.hasOwn(object, key) ? object[key] : undefined));
}

/**
 * Compiles a rule's EventPattern (an object, or the JSON text CloudFormation also takes); fails
 * with a ConfigError naming `rule`, the field and the problem.
 *
 * @example
 * const matches = compilePattern({ source: ['aws.batch'], detail: { status: ['FAILED'] } }, 'rule r');
 * matches({ source: 'aws.batch', detail: { status: 'FAILED' } }); // true
 */
export function compilePattern(pattern: unknown, rule: string): EventMatcher {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw invalid({ rule, field: '(top level)' }, `is not JSON (${String(error)})`);
    }
  }
  if (!isObject(parsed)) {
    throw invalid({ rule, field: '(top level)' }, `is ${JSON.stringify(parsed)}; expected an object`);
  }
  const matches = compileObject(parsed, rule, []);
  return (event) => isObject(event) && matches(event);
}
