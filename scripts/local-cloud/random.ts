/** A seeded pseudo-random source: `next()` returns a float in [0, 1). */
export interface Random {
  next(): number;
}

/** 32-bit FNV-1a hash of a string, used to derive independent streams from one seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Mulberry32: small, fast, and good enough for fault injection (passes the usual frequency tests).
 * The same seed always gives the same sequence.
 *
 * @example
 * const random = seededRandom(42);
 * random.next(); // 0.6011037519201636
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** An independent stream per fault kind, so changing one rate does not shift the others' draws. */
export function streamFor(seed: number, name: string): Random {
  return seededRandom((seed ^ hashString(name)) >>> 0);
}
