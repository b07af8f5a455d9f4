import {
  InputError,
  type ObjectStore,
  readContract,
  runKeys,
  shotOfKey,
  trialScalarSchema,
} from '@seisless/core';

/**
 * The per-shot values `{ shot, value }` that trial `index`'s jobs wrote under
 * `iterations/{k}/line-search/{index}/`, by shot.
 */
export async function readTrialScalars(
  store: ObjectStore,
  runId: string,
  k: number,
  index: number,
): Promise<Map<number, number>> {
  const listed = await store.list(runKeys(runId).lineSearchPrefix(k, index));
  const keys = listed.map((object) => object.key).filter((key) => key.endsWith('.json'));
  const entries = await Promise.all(
    keys.map(async (key): Promise<[number, number] | undefined> => {
      const shot = shotOfKey(key);
      if (shot === undefined) return undefined;
      const scalar = await readContract(store, key, trialScalarSchema);
      if (scalar.shot !== shot) {
        throw new InputError(`${key}: shot ${scalar.shot}; expected ${shot}, the shot its key names`);
      }
      return [shot, scalar.value];
    }),
  );
  return new Map(entries.filter((entry): entry is [number, number] => entry !== undefined));
}

/**
 * Σ of the values of `shots`, throwing an InputError naming the shots without a value.
 *
 * @example
 * sumOverShots(new Map([[4, 1.5], [9, 2]]), [4, 9], 'trial 0') // 3.5
 */
export function sumOverShots(
  values: ReadonlyMap<number, number>,
  shots: readonly number[],
  what: string,
): number {
  const missing = shots.filter((shot) => !values.has(shot));
  if (missing.length > 0) {
    throw new InputError(`${what}: no value for shots [${missing.join(', ')}]; expected one per used shot`);
  }
  return shots.reduce((sum, shot) => sum + (values.get(shot) as number), 0);
}
