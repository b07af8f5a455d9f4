import type { ObjectStore } from '@seisless/core';

/** An object read with its user metadata (keys without `x-amz-meta-`). */
export interface StoredObject {
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Reads accumulators, whose manifests live in their metadata (adapters/s3AccumulatorReader.ts). */
export interface AccumulatorReader {
  /** The object with its metadata, or undefined when there is none under `key`. */
  read(key: string): Promise<StoredObject | undefined>;
}

/** What the line search's logic receives. */
export interface StepDeps {
  readonly store: ObjectStore;
  readonly accumulators: AccumulatorReader;
  readonly now: () => number;
}
