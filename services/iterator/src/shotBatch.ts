/**
 * Seeded mini-batch selection without replacement within an epoch: each epoch is a seeded
 * permutation of all shots cut into floor(S/B) batches (the remainder sits the epoch out, so a
 * batch never holds a shot twice). The same seed and iteration always give the same batch, so a
 * resumed run recomputes exactly the same gradients.
 */
export function shotBatch(options: {
  seed: number;
  shots: number;
  batchSize: number;
  iteration: number;
}): number[] {
  const { seed, shots, batchSize, iteration } = options;
  const batchesPerEpoch = Math.max(1, Math.floor(shots / batchSize));
  const epoch = Math.floor((iteration - 1) / batchesPerEpoch);
  const first = ((iteration - 1) % batchesPerEpoch) * batchSize;
  return permutation(shots, seed * 1_000_003 + epoch).slice(first, first + batchSize);
}

/** A Fisher–Yates permutation of 0…n−1 driven by a seeded PRNG. */
export function permutation(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** mulberry32: a small, well-mixed 32-bit PRNG; enough for shuffling, fully reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
