import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;
type Path = readonly PropertyKey[];

/**
 * Parse options under which every issue message is the expected form only ("a number > 0"), and
 * every issue carries the value received. Schemas state their own form with `error` (for example
 * "an array of 2 or 3 integers ≥ 8"); this map covers the rest.
 *
 * @example
 * const parsed = schema.safeParse(input, schemaParseOptions);
 * if (!parsed.success) throw new ValidationError(describeSchemaIssues(parsed.error.issues).join('; '));
 */
export const schemaParseOptions = { reportInput: true, error: expectedForm } as const;

/**
 * One line per bad field: `path: received; expected form`. A union that failed is described by its
 * closest branch (the one the input's fields fit), so the line names the deepest field that went
 * wrong; when no branch is closest, the line names the union and every form it accepts.
 */
export function describeSchemaIssues(issues: readonly Issue[], prefix: Path = []): string[] {
  // A length check can fire after a failed type check on the same value: one line per field.
  const seen = new Set<string>();
  return issues
    .flatMap((issue) => describeIssue(issue, prefix))
    .filter((line) => {
      const field = line.slice(0, line.indexOf(': '));
      if (seen.has(field)) return false;
      seen.add(field);
      return true;
    });
}

function describeIssue(issue: Issue, prefix: Path): string[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map(
        (key) => `${pathText([...path, key])}: unknown field; remove it or check its spelling`,
      );
    case 'invalid_union': {
      if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
        const received = (issue.input as Record<string, unknown> | undefined)?.[String(issue.discriminator)];
        return [`${pathText(path)}: ${receivedText(received)}; expected ${oneOf(issue.options)}`];
      }
      const closest = closestBranch(issue.errors);
      if (closest !== undefined) return describeSchemaIssues(closest, path);
      return [`${pathText(path)}: ${receivedText(issue.input)}; expected ${issue.message}`];
    }
    default:
      return [`${pathText(path)}: ${receivedText(issue.input)}; expected ${issue.message}`];
  }
}

/**
 * The branch whose fields the input has: fewest unknown or missing fields at the union's own
 * level. None when the input is not an object or two branches fit equally well.
 */
function closestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const misfits = branches.map((issues) =>
    issues.reduce((sum, issue) => {
      if (issue.path.length === 0)
        return sum + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1000);
      return sum + (issue.path.length === 1 && issue.input === undefined ? 1 : 0);
    }, 0),
  );
  const best = Math.min(...misfits);
  if (best >= 1000 || misfits.filter((m) => m === best).length !== 1) return undefined;
  return branches[misfits.indexOf(best)];
}

function pathText(path: Path): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

function receivedText(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return `{${Object.keys(value).join(', ')}}`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function oneOf(values: readonly unknown[]): string {
  const listed = values.map((v) => JSON.stringify(v)).join(' | ');
  return values.length === 1 ? listed : `one of ${listed}`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function bound(issue: { origin: string; inclusive?: boolean }, op: '>' | '<', limit: unknown): string {
  const sign = issue.inclusive ? (op === '>' ? '≥' : '≤') : op;
  if (issue.origin === 'array') return `${op === '>' ? 'at least' : 'at most'} ${limit} entries`;
  if (issue.origin === 'string') return `${op === '>' ? 'at least' : 'at most'} ${limit} characters`;
  return `a number ${sign} ${limit}`;
}

/** The expected form of a value, for issues whose schema does not state its own. */
function expectedForm(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : article(issue.expected);
    case 'too_small':
      return bound(issue, '>', issue.minimum);
    case 'too_big':
      return bound(issue, '<', issue.maximum);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `text matching ${issue.pattern}` : issue.format;
    case 'invalid_union':
      return 'one of the forms the schema documents';
    default:
      return undefined;
  }
}
