import { InputError } from '../../errors';
import { MAX_BATCH_SIZE, Manifest } from './manifest';

/** What an accumulator's metadata says: which shots it holds and the sum of their objectives. */
export interface AccumulatorSummary {
  readonly manifest: Manifest;
  /** Σ objective of the shots in the manifest whose first chunk this is (each shot's is counted once). */
  readonly objective: number;
  /** When the reducer issued this write (epoch ms); absent in accumulators written without a clock. */
  readonly writtenAt?: number;
  /** How long the update that wrote it took from its start to issuing the PUT (reads, sums), ms. */
  readonly updateMs?: number;
}

/** The metadata keys of an accumulator (`x-amz-meta-…`; contract: accumulatorObject.ts). */
export const ACCUMULATOR_METADATA = {
  manifest: 'manifest',
  count: 'count',
  objective: 'objective',
  batchSize: 'batch-size',
  writtenAt: 'written-at',
  updateMs: 'update-ms',
} as const;

/**
 * The user metadata written together with an accumulator's data, in the same PUT.
 *
 * @example
 * encodeAccumulatorMetadata({ manifest: Manifest.empty(3).with(0), objective: 12.5 });
 * // { manifest: 'AQ==', count: '1', objective: '12.5', 'batch-size': '3' }
 */
export function encodeAccumulatorMetadata(summary: AccumulatorSummary): Record<string, string> {
  return {
    [ACCUMULATOR_METADATA.manifest]: summary.manifest.toBase64(),
    [ACCUMULATOR_METADATA.count]: String(summary.manifest.count),
    [ACCUMULATOR_METADATA.objective]: String(summary.objective),
    [ACCUMULATOR_METADATA.batchSize]: String(summary.manifest.batchSize),
    ...(summary.writtenAt === undefined
      ? {}
      : { [ACCUMULATOR_METADATA.writtenAt]: String(summary.writtenAt) }),
    ...(summary.updateMs === undefined ? {} : { [ACCUMULATOR_METADATA.updateMs]: String(summary.updateMs) }),
  };
}

function field(metadata: Readonly<Record<string, string>>, name: string, source: string): string {
  const value = metadata[name];
  if (value === undefined) {
    throw new InputError(
      `${source}: metadata 'x-amz-meta-${name}' is missing; expected an accumulator's metadata`,
    );
  }
  return value;
}

function integerField(metadata: Readonly<Record<string, string>>, name: string, source: string): number {
  const text = field(metadata, name, source);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new InputError(
      `${source}: metadata 'x-amz-meta-${name}' is '${text}'; expected a non-negative integer`,
    );
  }
  return value;
}

/**
 * Reads an accumulator's metadata, checking every key: a batch size in [1, MAX_BATCH_SIZE], a
 * base64 bitset of that batch with no bit beyond it, a count equal to the manifest's, a finite
 * objective and integer times. Throws an InputError naming `source` and the bad key.
 */
export function decodeAccumulatorMetadata(
  metadata: Readonly<Record<string, string>>,
  source: string,
): AccumulatorSummary {
  const batchSize = integerField(metadata, ACCUMULATOR_METADATA.batchSize, source);
  if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new InputError(
      `${source}: metadata 'x-amz-meta-batch-size' is ${batchSize}; expected 1…${MAX_BATCH_SIZE}`,
    );
  }
  const count = integerField(metadata, ACCUMULATOR_METADATA.count, source);
  const objectiveText = field(metadata, ACCUMULATOR_METADATA.objective, source);
  const objective = Number(objectiveText);
  if (objectiveText.trim() === '' || !Number.isFinite(objective)) {
    throw new InputError(
      `${source}: metadata 'x-amz-meta-objective' is '${objectiveText}'; expected a finite number`,
    );
  }
  const manifest = Manifest.fromBase64(
    field(metadata, ACCUMULATOR_METADATA.manifest, source),
    batchSize,
    source,
  );
  if (manifest.count !== count) {
    throw new InputError(`${source}: metadata count ${count} but the manifest holds ${manifest.count} shots`);
  }
  const optional = (name: string) =>
    metadata[name] === undefined ? undefined : integerField(metadata, name, source);
  const writtenAt = optional(ACCUMULATOR_METADATA.writtenAt);
  const updateMs = optional(ACCUMULATOR_METADATA.updateMs);
  return {
    manifest,
    objective,
    ...(writtenAt === undefined ? {} : { writtenAt }),
    ...(updateMs === undefined ? {} : { updateMs }),
  };
}
