/** A JSON Schema node, as `z.toJSONSchema` writes it. */
export type JsonSchema = { readonly [key: string]: unknown };

/** One row of a contract's field table. */
export interface FieldRow {
  readonly field: string;
  readonly type: string;
  readonly required: string;
  readonly meaning: string;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

const asSchema = (value: unknown): JsonSchema => (value ?? {}) as JsonSchema;
const schemas = (value: unknown): JsonSchema[] => (Array.isArray(value) ? value.map(asSchema) : []);

/** The branches of a union node (zod writes `oneOf` for discriminated unions, `anyOf` otherwise). */
export function branchesOf(node: JsonSchema): JsonSchema[] {
  return [...schemas(node.oneOf), ...schemas(node.anyOf)];
}

/** The node without its `null` alternative, when it is `X | null`. */
function nonNull(node: JsonSchema): JsonSchema {
  const branches = branchesOf(node).filter((b) => b.type !== 'null');
  return branches.length === 1 && branchesOf(node).length === 2 ? asSchema(branches[0]) : node;
}

function refName(node: JsonSchema): string | undefined {
  return typeof node.$ref === 'string' ? node.$ref.split('/').pop() : undefined;
}

function bounds(node: JsonSchema): string {
  if (typeof node.exclusiveMinimum === 'number') return ` > ${node.exclusiveMinimum}`;
  if (typeof node.minimum === 'number' && node.minimum > -MAX_SAFE) return ` ≥ ${node.minimum}`;
  return '';
}

/** ` (≥ 1)`, ` (2 to 3)`: how many entries an array takes, when bounded. */
function itemCount(node: JsonSchema): string {
  const least = typeof node.minItems === 'number' ? node.minItems : undefined;
  const most = typeof node.maxItems === 'number' ? node.maxItems : undefined;
  if (least !== undefined && most !== undefined)
    return least === most ? ` (${least})` : ` (${least} to ${most})`;
  if (least !== undefined) return ` (≥ ${least})`;
  return most === undefined ? '' : ` (≤ ${most})`;
}

/** A union's branch in words: an object by its fields (`{ depthM }`), anything else by its type. */
function branchText(node: JsonSchema): string {
  const fields = node.properties === undefined ? undefined : Object.keys(asSchema(node.properties));
  return fields === undefined ? typeText(node) : `{ ${fields.join(', ')} }`;
}

function scalarText(type: string, node: JsonSchema): string {
  switch (type) {
    case 'integer':
    case 'number':
      return `${type}${bounds(node)}`;
    case 'string':
      if (node.format === 'date-time') return 'ISO 8601 date-time';
      return node.minLength === 1 ? 'string (non-empty)' : 'string';
    case 'array': {
      if (Array.isArray(node.prefixItems)) return `[${schemas(node.prefixItems).map(typeText).join(', ')}]`;
      const items = asSchema(node.items);
      const item = items.properties === undefined ? typeText(items) : 'object';
      return `${/[ |]/.test(item) ? `(${item})` : item}[]${itemCount(node)}`;
    }
    case 'object':
      return node.additionalProperties !== undefined && node.properties === undefined
        ? `{ string → ${typeText(asSchema(node.additionalProperties))} }`
        : 'object';
    default:
      return type;
  }
}

/** The type of a node in words: `integer ≥ 0`, `"a" | "b"`, `number | null`, `StepDecision`. */
export function typeText(node: JsonSchema): string {
  const ref = refName(node);
  if (ref !== undefined) return ref;
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const branches = branchesOf(node);
  if (branches.length > 0) return branches.map(branchText).join(' | ');
  if (Array.isArray(node.type)) return node.type.map((t) => scalarText(String(t), node)).join(' | ');
  return typeof node.type === 'string' ? scalarText(node.type, node) : 'any';
}

function requiredText(name: string, parent: JsonSchema, node: JsonSchema): string {
  const required = Array.isArray(parent.required) && parent.required.includes(name);
  if (required) return 'yes';
  return node.default === undefined ? 'no' : `no (default ${JSON.stringify(node.default)})`;
}

/**
 * One row per field of an object node, nested objects and arrays of objects flattened into
 * `parent.child` and `list[].child` rows after their parent's.
 *
 * @example
 * fieldRows(z.toJSONSchema(z.object({ k: z.number().int().positive().describe('the iteration') })))
 * // [{ field: 'k', type: 'integer > 0', required: 'yes', meaning: 'the iteration' }]
 */
export function fieldRows(node: JsonSchema, prefix = ''): FieldRow[] {
  const properties = asSchema(node.properties);
  return Object.entries(properties).flatMap(([name, value]) => {
    const child = asSchema(value);
    const field = `${prefix}${name}`;
    const row: FieldRow = {
      field,
      type: typeText(child),
      required: requiredText(name, node, child),
      meaning: typeof child.description === 'string' ? child.description : '',
    };
    const inner = nonNull(child);
    if (inner.properties !== undefined) return [row, ...fieldRows(inner, `${field}.`)];
    const items = asSchema(inner.items);
    if (inner.type === 'array' && items.properties !== undefined)
      return [row, ...fieldRows(items, `${field}[].`)];
    return [row];
  });
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A markdown table of rows: field, type, required, meaning. */
export function markdownTable(rows: readonly FieldRow[]): string {
  const lines = [
    '| field | type | required | meaning |',
    '|---|---|---|---|',
    ...rows.map((r) => `| \`${r.field}\` | ${cell(r.type)} | ${r.required} | ${cell(r.meaning)} |`),
  ];
  return lines.join('\n');
}
