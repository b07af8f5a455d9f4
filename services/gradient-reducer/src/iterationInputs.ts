import {
  type BlobStore,
  decodeFloat32Npy,
  InputError,
  type RunSpec,
  runKeys,
  validateRunSpec,
} from '@seisless/core';

/** Reads JSON and grid-shaped `.npy` objects of the run data bucket through the reducer's store. */
export interface RunObjects {
  readonly store: BlobStore;
  readonly bucket: string;
}

const url = (at: RunObjects, key: string) => `s3://${at.bucket}/${key}`;

/** The JSON object under `key`, or undefined when there is none. */
export async function readJsonOrUndefined(at: RunObjects, key: string): Promise<unknown> {
  const blob = await at.store.get({ bucket: at.bucket, key });
  if (blob === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(blob.body).toString('utf8'));
  } catch (cause) {
    throw new InputError(`${url(at, key)}: not valid JSON; expected a JSON document`, { cause });
  }
}

/** Writes `value` as indented JSON (as the other services write their JSON). */
export async function writeJson(at: RunObjects, key: string, value: unknown): Promise<void> {
  const body = Buffer.from(JSON.stringify(value, null, 2));
  await at.store.put({ bucket: at.bucket, key }, body, { contentType: 'application/json' });
}

/** The run spec stored when the run started. */
export async function readRunSpec(at: RunObjects, runId: string): Promise<RunSpec> {
  const key = runKeys(runId).spec;
  const json = await readJsonOrUndefined(at, key);
  if (json === undefined) {
    throw new InputError(`${url(at, key)}: not found; expected the run spec written when the run started`);
  }
  return validateRunSpec(json, key);
}

/** A float32 `.npy` that must have the grid's `shape`, as a flat array. */
export async function readGridArray(
  at: RunObjects,
  key: string,
  shape: readonly number[],
): Promise<Float32Array> {
  const blob = await at.store.get({ bucket: at.bucket, key });
  if (blob === undefined) throw new InputError(`${url(at, key)}: not found; expected a grid-shaped .npy`);
  const array = decodeFloat32Npy(blob.body, url(at, key));
  if (array.shape.join(',') !== shape.join(',')) {
    throw new InputError(
      `${key}: shape [${array.shape.join(', ')}]; expected [${shape.join(', ')}], the model's grid`,
    );
  }
  return array.data;
}
