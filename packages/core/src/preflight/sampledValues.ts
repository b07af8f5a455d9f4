/** A sample of an array's values: how many were read, of how many, and what they hold. */
export interface ValueSample {
  readonly read: number;
  readonly total: number;
  readonly nonFinite: number;
  readonly min: number;
  readonly max: number;
  readonly median: number;
}

/** Byte ranges `[start, end)` to read: everything when small, else evenly spaced windows. */
export function sampleRanges(dataStart: number, dataBytes: number, itemSize: number): [number, number][] {
  const WHOLE = 4 * 1024 * 1024;
  const WINDOWS = 32;
  const WINDOW = 64 * 1024;
  if (dataBytes <= WHOLE) return [[dataStart, dataStart + dataBytes]];
  const stride = (dataBytes - WINDOW) / (WINDOWS - 1);
  return Array.from({ length: WINDOWS }, (_, i) => {
    const offset = Math.floor((i * stride) / itemSize) * itemSize;
    return [dataStart + offset, dataStart + offset + WINDOW] as [number, number];
  });
}

/** Summary of sampled values (`total` is the array's element count). */
export function summarise(values: Float64Array, total: number): ValueSample {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  const nonFinite = values.length - finite.length;
  return {
    read: values.length,
    total,
    nonFinite,
    min: finite.length > 0 ? (finite[0] ?? Number.NaN) : Number.NaN,
    max: finite.length > 0 ? (finite[finite.length - 1] ?? Number.NaN) : Number.NaN,
    median: finite.length > 0 ? (finite[Math.floor(finite.length / 2)] ?? Number.NaN) : Number.NaN,
  };
}

/** `all 4,941 values` or `32,768 sampled of 1,000,000 values` */
export function sampleText(sample: ValueSample): string {
  const total = sample.total.toLocaleString('en-US');
  return sample.read >= sample.total
    ? `all ${total} values`
    : `${sample.read.toLocaleString('en-US')} sampled of ${total} values`;
}
