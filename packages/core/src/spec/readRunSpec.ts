import type { ObjectStore } from '../aws/objectStore';
import { InputError } from '../errors';
import { runKeys } from '../storage/keys';
import type { RunSpec } from './runSpec';
import { validateRunSpec } from './validateRunSpec';

/**
 * Reads and validates the run spec stored when the run started (`runs/{runId}/spec.json`),
 * throwing an InputError when there is none and a ValidationError when it does not validate.
 *
 * @example
 * const spec = await readRunSpec(store, 'demo');
 * spec.algorithm.kind; // 'lsrtm'
 */
export async function readRunSpec(
  store: Pick<ObjectStore, 'getJsonOrUndefined'>,
  runId: string,
): Promise<RunSpec> {
  const key = runKeys(runId).spec;
  const json = await store.getJsonOrUndefined<unknown>(key);
  if (json === undefined) throw new InputError(key, 'not found', 'the run spec written when the run started');
  return validateRunSpec(json, key);
}
