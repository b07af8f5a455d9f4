import { encodeFloat32Npy } from '@seisless/core';

/** Base64 manifest over batch positions (bit j of byte j >> 3, LSB first; messages.md). */
export function manifestOf(positions: Iterable<number>, batchSize: number): string {
  const bytes = new Uint8Array(Math.ceil(batchSize / 8));
  for (const j of positions) bytes[j >> 3] = (bytes[j >> 3] as number) | (1 << (j & 7));
  return Buffer.from(bytes).toString('base64');
}

/** An accumulator object as the reducer writes it: 1-D float32 `.npy` plus its metadata. */
export function accumulatorObject(
  data: ArrayLike<number>,
  summary: { positions: readonly number[]; batchSize: number; objective: number },
): { bytes: Uint8Array; metadata: Record<string, string> } {
  return {
    bytes: encodeFloat32Npy({ shape: [data.length], data: Float32Array.from(data) }),
    metadata: {
      manifest: manifestOf(summary.positions, summary.batchSize),
      count: String(summary.positions.length),
      objective: String(summary.objective),
      'batch-size': String(summary.batchSize),
    },
  };
}

/** An in-memory reader of objects with metadata (the line search's AccumulatorReader port). */
export class MemoryAccumulators {
  readonly objects = new Map<string, { bytes: Uint8Array; metadata: Record<string, string> }>();

  async read(key: string): Promise<{ bytes: Uint8Array; metadata: Record<string, string> } | undefined> {
    return this.objects.get(key);
  }

  put(
    key: string,
    data: ArrayLike<number>,
    summary: { positions: readonly number[]; batchSize: number; objective: number },
  ): void {
    this.objects.set(key, accumulatorObject(data, summary));
  }
}
