import type { z } from 'zod';
import type { ObjectStore } from '../aws/objectStore';
import { InputError } from '../errors';
import { describeSchemaIssues, schemaParseOptions } from '../spec/describeSchemaIssues';

/**
 * Checks a JSON value against a contract's schema, throwing an InputError that names the source
 * and, per bad field, what was received and the expected form.
 *
 * @example
 * const state = parseContract(runStateSchema, json, 'runs/demo/state.json');
 * // throws "runs/demo/state.json: status: "PAUSED"; expected one of "RUNNING" | …"
 */
export function parseContract<T extends z.ZodType>(schema: T, json: unknown, source: string): z.output<T> {
  const parsed = schema.safeParse(json, schemaParseOptions);
  if (parsed.success) return parsed.data;
  throw new InputError(`${source}: ${describeSchemaIssues(parsed.error.issues).join('; ')}`);
}

/**
 * Reads a JSON object and checks it against its contract; undefined when the object does not exist.
 *
 * @example
 * const state = await readContractOrUndefined(store, runKeys('demo').state, runStateSchema);
 */
export async function readContractOrUndefined<T extends z.ZodType>(
  store: Pick<ObjectStore, 'getJsonOrUndefined'>,
  key: string,
  schema: T,
): Promise<z.output<T> | undefined> {
  const json = await store.getJsonOrUndefined<unknown>(key);
  return json === undefined ? undefined : parseContract(schema, json, key);
}

/**
 * Reads a JSON object that must exist and checks it against its contract.
 *
 * @example
 * const summary = await readContract(store, runKeys('demo').iterationSummary(2), iterationSummarySchema);
 */
export async function readContract<T extends z.ZodType>(
  store: Pick<ObjectStore, 'getJson'>,
  key: string,
  schema: T,
): Promise<z.output<T>> {
  return parseContract(schema, await store.getJson<unknown>(key), key);
}
