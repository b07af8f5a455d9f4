import { InputError } from '@seisless/core';

/**
 * The batch positions in an accumulator's manifest: base64 of a bitset, bit j of byte j >> 3,
 * least significant bit first (docs/contracts/messages.md).
 *
 * @example
 * decodeManifest(Buffer.from([0b101]).toString('base64'), 3, 'chunk-0') // [0, 2]
 */
export function decodeManifest(base64: string, batchSize: number, source: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  const positions: number[] = [];
  for (let j = 0; j < bytes.length * 8; j++) {
    if (((bytes[j >> 3] as number) >> (j & 7)) & 1) {
      if (j >= batchSize) {
        throw new InputError(
          `${source}: manifest holds batch position ${j}; expected positions below the batch size ${batchSize}`,
        );
      }
      positions.push(j);
    }
  }
  return positions;
}

/** The manifest of a set of batch positions (the inverse of decodeManifest). */
export function encodeManifest(positions: Iterable<number>, batchSize: number): string {
  const bytes = new Uint8Array(Math.ceil(batchSize / 8));
  for (const j of positions) bytes[j >> 3] = (bytes[j >> 3] as number) | (1 << (j & 7));
  return Buffer.from(bytes).toString('base64');
}
