import { InputError } from '../errors';
import { buildNpyHeader, type NpyHeader, parseNpyHeader } from './npyHeader';

/** A float32 array with its shape, as stored in a `.npy` file. */
export interface Float32Npy {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Number of elements of an array of this shape. */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, n) => product * n, 1);
}

/**
 * Encodes a float32 array as a little-endian, C-order `.npy` file.
 *
 * @example
 * const bytes = encodeFloat32Npy({ shape: [2, 3], data: new Float32Array(6) });
 */
export function encodeFloat32Npy(array: Float32Npy): Buffer {
  if (elementCount(array.shape) !== array.data.length) {
    throw new InputError(
      `array of shape [${array.shape.join(', ')}] has ${array.data.length} elements; expected ${elementCount(array.shape)}`,
    );
  }
  const header = buildNpyHeader(array.shape);
  const body = Buffer.from(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  return Buffer.concat([header, body]);
}

/** Checks that a header describes a little-endian float32 C-order array. */
export function assertFloat32Header(header: NpyHeader, source: string): void {
  if (header.descr !== '<f4' || header.fortranOrder) {
    throw new InputError(
      `${source}: dtype '${header.descr}'${header.fortranOrder ? ' in Fortran order' : ''}; expected little-endian float32 ('<f4') in C order`,
    );
  }
}

/**
 * Decodes a whole little-endian float32 `.npy` file (copying it into an aligned array).
 *
 * @example
 * const { shape, data } = decodeFloat32Npy(bytes, 'runs/a/inputs/model.npy');
 */
export function decodeFloat32Npy(bytes: Uint8Array, source: string): Float32Npy {
  const header = parseNpyHeader(bytes, source);
  assertFloat32Header(header, source);
  const count = elementCount(header.shape);
  const expected = header.headerLength + 4 * count;
  if (bytes.byteLength !== expected) {
    throw new InputError(
      `${source}: ${bytes.byteLength} bytes; expected ${expected} for shape [${header.shape.join(', ')}]`,
    );
  }
  return { shape: header.shape, data: float32View(bytes.subarray(header.headerLength)) };
}

/** Copies little-endian float32 bytes into a fresh, aligned Float32Array. */
export function float32View(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0)
    throw new InputError(`float32 data of ${bytes.byteLength} bytes is not a multiple of 4`);
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
