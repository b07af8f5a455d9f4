import { InputError } from '../errors';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

/** What the header of a `.npy` file says about its array. */
export interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly number[];
  /** Bytes before the first array element (magic, version, header length, header). */
  readonly headerLength: number;
}

/**
 * Parses the header of a `.npy` file (format versions 1, 2 and 3).
 * `prefix` must hold at least the whole header; the array data after it is not read.
 *
 * @example
 * const { shape, headerLength } = parseNpyHeader(bytes, 'runs/a/inputs/model.npy');
 */
export function parseNpyHeader(prefix: Uint8Array, source: string): NpyHeader {
  const buf = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) {
    throw new InputError(`${source}: not a .npy file (magic bytes missing); expected a NumPy .npy array`);
  }
  const major = buf[6];
  const lengthBytes = major === 1 ? 2 : 4;
  const start = 8 + lengthBytes;
  if (buf.length < start) throw new InputError(`${source}: truncated .npy header`);
  const dictLength = lengthBytes === 2 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  if (buf.length < start + dictLength) throw new InputError(`${source}: truncated .npy header`);
  const dict = buf.subarray(start, start + dictLength).toString('latin1');
  return { ...parseHeaderDict(dict, source), headerLength: start + dictLength };
}

function parseHeaderDict(dict: string, source: string): Omit<NpyHeader, 'headerLength'> {
  const descr = /'descr':\s*'([^']+)'/.exec(dict)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(dict)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new InputError(
      `${source}: malformed .npy header '${dict.trim()}'; expected descr, fortran_order and shape`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(Number);
  return { descr, fortranOrder: fortran === 'True', shape };
}

/** Builds a version-1.0 `.npy` header for a little-endian float32 C-order array. */
export function buildNpyHeader(shape: readonly number[]): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad with spaces so that magic + version + length + dict + '\n' is a multiple of 64 bytes.
  const unpadded = 10 + dict.length + 1;
  const padded = `${dict}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = Buffer.alloc(10 + padded.length);
  MAGIC.copy(out, 0);
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(padded.length, 8);
  out.write(padded, 10, 'latin1');
  return out;
}
