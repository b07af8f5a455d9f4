import { parseNpyHeader } from '../npy/npyHeader';
import type { ObjectBytes } from './objectBytes';
import { sampleRanges, summarise, type ValueSample } from './sampledValues';

/** The real numeric dtypes the compute reads (docker/seisless_compute/io/npy.py `decode`). */
const DTYPE = /^([<>|=])(f(?=[248]$)|[iu])(1|2|4|8)$/;

/**
 * IEEE 754 half precision, which numpy writes as `<f2`: Node 20's DataView has no getFloat16, and
 * these few lines are all a model's sample read needs (no dependency for them).
 */
function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** What the header and a sample read of a `.npy` model tell, or the lines saying what is wrong. */
export type ModelObjectFindings =
  | { readonly ok: true; readonly sample: ValueSample; readonly metresPerSecond: boolean }
  | { readonly ok: false; readonly errors: string[] };

function reader(kind: string, bytes: number, little: boolean): (view: DataView, at: number) => number {
  const decoders: Readonly<Record<string, (v: DataView, at: number) => number>> = {
    f2: (v: DataView, at: number) => halfFloat(v.getUint16(at, little)),
    f4: (v: DataView, at: number) => v.getFloat32(at, little),
    f8: (v: DataView, at: number) => v.getFloat64(at, little),
    i1: (v: DataView, at: number) => v.getInt8(at),
    i2: (v: DataView, at: number) => v.getInt16(at, little),
    i4: (v: DataView, at: number) => v.getInt32(at, little),
    i8: (v: DataView, at: number) => Number(v.getBigInt64(at, little)),
    u1: (v: DataView, at: number) => v.getUint8(at),
    u2: (v: DataView, at: number) => v.getUint16(at, little),
    u4: (v: DataView, at: number) => v.getUint32(at, little),
    u8: (v: DataView, at: number) => Number(v.getBigUint64(at, little)),
  };
  return decoders[`${kind}${bytes}`] ?? (() => Number.NaN);
}

/** Decodes whole elements of `chunks` into one array. */
export function decodeValues(
  chunks: readonly Uint8Array[],
  itemSize: number,
  read: (view: DataView, at: number) => number,
): Float64Array {
  const count = chunks.reduce((n, c) => n + Math.floor(c.byteLength / itemSize), 0);
  const out = new Float64Array(count);
  let next = 0;
  for (const chunk of chunks) {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = 0; at + itemSize <= chunk.byteLength; at += itemSize) out[next++] = read(view, at);
  }
  return out;
}

/**
 * Checks a `.npy` model object: a header, a real numeric dtype, the expected shape, a size that
 * matches the header (not truncated), then samples its values.
 */
export async function inspectNpyModel(
  objects: ObjectBytes,
  key: string,
  size: number,
  shape: readonly number[],
): Promise<ModelObjectFindings> {
  const name = objects.describe(key);
  let header: ReturnType<typeof parseNpyHeader>;
  try {
    header = parseNpyHeader(await objects.read(key, 0, Math.min(size, 4096)), name);
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const errors: string[] = [];
  const dtype = DTYPE.exec(header.descr);
  if (dtype === null) {
    errors.push(`${name}: dtype '${header.descr}'; expected a real numeric array (float32, '<f4')`);
  }
  if (JSON.stringify(header.shape) !== JSON.stringify(shape)) {
    errors.push(
      `${name}: shape ${JSON.stringify(header.shape)}; expected ${JSON.stringify(shape)} (model.shape)`,
    );
  }
  if (dtype === null || errors.length > 0) return { ok: false, errors };
  const [, order = '<', kind = 'f', width = '4'] = dtype;
  const itemSize = Number(width);
  const total = header.shape.reduce((n, d) => n * d, 1);
  const expected = header.headerLength + total * itemSize;
  if (size !== expected) {
    return {
      ok: false,
      errors: [
        `${name}: ${size} bytes; expected ${expected} bytes for shape ${JSON.stringify(header.shape)} of ${header.descr} (truncated?)`,
      ],
    };
  }
  const ranges = sampleRanges(header.headerLength, total * itemSize, itemSize);
  const chunks = await Promise.all(ranges.map(([start, end]) => objects.read(key, start, end)));
  const values = decodeValues(chunks, itemSize, reader(kind, itemSize, order !== '>'));
  return { ok: true, sample: summarise(values, total), metresPerSecond: false };
}
