/**
 * Little-endian float32 bytes as a Float32Array: a view when the bytes are 4-byte aligned
 * (no copy), else an aligned copy. Assumes a little-endian host, as Lambda's x86_64 and arm64 are.
 */
export function float32FromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) {
    throw new RangeError(`float32 data of ${bytes.byteLength} bytes is not a multiple of 4`);
  }
  if (bytes.byteOffset % 4 === 0)
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/**
 * Adds `source` into `target` element by element (float32 rounding, as the stored sum has).
 *
 * @example
 * const sum = new Float32Array([1, 2]);
 * addInto(sum, new Float32Array([0.5, 0.5])); // sum is [1.5, 2.5]
 */
export function addInto(target: Float32Array, source: Float32Array): void {
  if (target.length !== source.length) {
    throw new RangeError(`cannot add ${source.length} elements into ${target.length}`);
  }
  for (let i = 0; i < target.length; i += 1) {
    target[i] = (target[i] as number) + (source[i] as number);
  }
}
