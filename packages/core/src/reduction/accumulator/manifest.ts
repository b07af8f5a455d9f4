import { InputError, ValidationError } from '../../errors';

/**
 * Largest batch a manifest may describe, hence the largest batch of a run (the spec schema
 * refuses more). S3 limits user metadata to 2 KB (keys and values); 8192 positions take
 * 1024 bytes, 1368 base64 characters, leaving room for the other keys.
 */
export const MAX_BATCH_SIZE = 8192;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The set of batch positions already summed into an accumulator: a bitset over the batch
 * (bit `j` of byte `j >> 3`, least significant bit first), stored base64 in the object's metadata
 * (contract: accumulatorObject.ts). Immutable: `with` returns a new manifest.
 *
 * @example
 * const m = Manifest.empty(3).with(2);
 * m.has(2); // true
 * m.toBase64(); // 'BA=='
 */
export class Manifest {
  private constructor(
    readonly batchSize: number,
    private readonly bits: Uint8Array,
  ) {}

  /** The manifest holding exactly `positions`. */
  static of(positions: Iterable<number>, batchSize: number): Manifest {
    let manifest = Manifest.empty(batchSize);
    for (const position of positions) manifest = manifest.with(position);
    return manifest;
  }

  /** A manifest with no position set. */
  static empty(batchSize: number): Manifest {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new ValidationError(`batch size ${batchSize}; expected an integer in [1, ${MAX_BATCH_SIZE}]`);
    }
    return new Manifest(batchSize, new Uint8Array(Math.ceil(batchSize / 8)));
  }

  /** Decodes the base64 bitset of an accumulator, failing with an InputError naming `source`. */
  static fromBase64(text: string, batchSize: number, source: string): Manifest {
    const empty = Manifest.empty(batchSize);
    const bits = Buffer.from(text, 'base64');
    if (!BASE64.test(text) || bits.length !== empty.bits.length) {
      throw new InputError(
        `${source}: manifest '${text}' is not a base64 bitset of ${empty.bits.length} bytes (batch size ${batchSize})`,
      );
    }
    const manifest = new Manifest(batchSize, new Uint8Array(bits));
    const extra = manifest.positionsUpTo(bits.length * 8).filter((j) => j >= batchSize);
    if (extra.length > 0) {
      throw new InputError(
        `${source}: manifest sets positions [${extra.join(', ')}] beyond batch size ${batchSize}`,
      );
    }
    return manifest;
  }

  /** Whether batch position `position` has been summed. */
  has(position: number): boolean {
    this.check(position);
    return ((this.bits[position >> 3] ?? 0) & (1 << (position & 7))) !== 0;
  }

  /** A copy of this manifest with `position` set. */
  with(position: number): Manifest {
    this.check(position);
    const bits = new Uint8Array(this.bits);
    bits[position >> 3] = (bits[position >> 3] ?? 0) | (1 << (position & 7));
    return new Manifest(this.batchSize, bits);
  }

  /** Number of positions set. */
  get count(): number {
    return this.positions().length;
  }

  /** Whether every position of the batch is set. */
  get complete(): boolean {
    return this.count === this.batchSize;
  }

  /** The positions set, ascending. */
  positions(): number[] {
    return this.positionsUpTo(this.batchSize);
  }

  toBase64(): string {
    return Buffer.from(this.bits).toString('base64');
  }

  private positionsUpTo(limit: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < limit; j += 1) {
      if (((this.bits[j >> 3] ?? 0) & (1 << (j & 7))) !== 0) out.push(j);
    }
    return out;
  }

  private check(position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.batchSize) {
      throw new ValidationError(`batch position ${position}; expected an integer in [0, ${this.batchSize})`);
    }
  }
}
