import { ConfigError } from '@seisless/core';

/** One alternative of a pattern field, tested against one leaf value of the event. */
export type ValueTest = (value: unknown) => boolean;

/** The content-filter operators the local cloud emulates; any other fails start-up. */
export const SUPPORTED_OPERATORS = ['prefix', 'anything-but', 'exists', 'numeric'] as const;

/** Where an operator stands, for messages: the rule and the field's dotted path. */
export interface PatternSite {
  rule: string;
  field: string;
}

const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='] as const;
type NumericOperator = (typeof NUMERIC_OPERATORS)[number];

export function invalid(site: PatternSite, problem: string): ConfigError {
  return new ConfigError(`${site.rule}: EventPattern field ${site.field}: ${problem}`);
}

export function unsupported(site: PatternSite, operator: string): ConfigError {
  return invalid(
    site,
    `the operator '${operator}' is not emulated by the local cloud (supported: literal values, ` +
      `${SUPPORTED_OPERATORS.join(', ')}, anything-but with a list or a prefix)`,
  );
}

const isLiteral = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** `"x"`, `5`, `null`: the value itself (strings and numbers never equal each other). */
export function literalTest(expected: string | number | boolean | null): ValueTest {
  return (value) => value === expected;
}

function prefixTest(operand: unknown, site: PatternSite): ValueTest {
  if (operand !== null && typeof operand === 'object') {
    throw unsupported(site, `prefix/${Object.keys(operand).join(',')}`);
  }
  if (typeof operand !== 'string')
    throw invalid(site, `prefix must be a string, got ${JSON.stringify(operand)}`);
  return (value) => typeof value === 'string' && value.startsWith(operand);
}

/** `anything-but`: a string or number, a list of only strings or only numbers, or `{ prefix }`. */
function anythingButTest(operand: unknown, site: PatternSite): ValueTest {
  if (operand !== null && typeof operand === 'object' && !Array.isArray(operand)) {
    const [key, ...rest] = Object.keys(operand);
    if (key !== 'prefix' || rest.length > 0)
      throw unsupported(site, `anything-but/${Object.keys(operand).join(',')}`);
    const prefix = prefixTest((operand as Record<string, unknown>).prefix, site);
    return (value) => typeof value === 'string' && !prefix(value);
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  const types = new Set(excluded.map((item) => typeof item));
  if (excluded.length === 0 || types.size !== 1 || !(types.has('string') || types.has('number'))) {
    throw invalid(
      site,
      `anything-but takes a string, a number, a list of only strings or only numbers, or { prefix }; got ${JSON.stringify(operand)}`,
    );
  }
  return (value) => !excluded.includes(value);
}

function compare(operator: NumericOperator, value: number, bound: number): boolean {
  switch (operator) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    default:
      return value >= bound;
  }
}

/** `numeric`: `[op, n]` or a range `[lower-op, n, upper-op, m]` (`=` stands alone). */
function numericTest(operand: unknown, site: PatternSite): ValueTest {
  const bad = (why: string) =>
    invalid(site, `numeric ${JSON.stringify(operand)} ${why}; expected e.g. [">", 0, "<=", 5] or ["=", 3]`);
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) throw bad('has no pairs');
  const pairs: [NumericOperator, number][] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const [operator, bound] = [operand[i], operand[i + 1]];
    if (!(NUMERIC_OPERATORS as readonly unknown[]).includes(operator)) {
      throw bad(`has the comparison ${JSON.stringify(operator)}`);
    }
    if (typeof bound !== 'number' || !Number.isFinite(bound))
      throw bad(`compares with ${JSON.stringify(bound)}`);
    pairs.push([operator as NumericOperator, bound]);
  }
  if (pairs.length === 2) {
    const lower = pairs.filter(([operator]) => operator.startsWith('>')).length;
    const upper = pairs.filter(([operator]) => operator.startsWith('<')).length;
    if (lower !== 1 || upper !== 1) throw bad('is not one lower and one upper bound');
  }
  return (value) =>
    typeof value === 'number' && pairs.every(([operator, bound]) => compare(operator, value, bound));
}

/** The test of one alternative of a field: a literal or an `{ operator: operand }` object. */
export function alternativeTest(alternative: unknown, site: PatternSite): ValueTest {
  if (isLiteral(alternative)) return literalTest(alternative);
  if (Array.isArray(alternative))
    throw invalid(site, `a value list holds a list ${JSON.stringify(alternative)}`);
  const entries = Object.entries(alternative as Record<string, unknown>);
  const [entry] = entries;
  if (entry === undefined || entries.length > 1) {
    throw invalid(site, `${JSON.stringify(alternative)} must hold exactly one operator`);
  }
  const [operator, operand] = entry;
  switch (operator) {
    case 'prefix':
      return prefixTest(operand, site);
    case 'anything-but':
      return anythingButTest(operand, site);
    case 'numeric':
      return numericTest(operand, site);
    default:
      throw unsupported(site, operator);
  }
}
