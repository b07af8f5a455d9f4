import { addInto, float32FromBytes } from '../../../../services/gradient-reducer/src/float32Arrays';

describe('float32FromBytes', () => {
  it('views aligned bytes without copying', () => {
    const source = new Float32Array([1.5, -2]);

    const view = float32FromBytes(new Uint8Array(source.buffer));

    expect(view.buffer).toBe(source.buffer);
    expect(Array.from(view)).toEqual([1.5, -2]);
  });

  it('copies unaligned bytes', () => {
    const padded = new Uint8Array(9);
    padded.set(new Uint8Array(new Float32Array([3, 4]).buffer), 1);

    const values = float32FromBytes(padded.subarray(1));

    expect(Array.from(values)).toEqual([3, 4]);
  });

  it('refuses a length that is not a multiple of 4', () => {
    expect(() => float32FromBytes(new Uint8Array(6))).toThrow(RangeError);
  });
});

describe('addInto', () => {
  it('adds element by element with float32 rounding', () => {
    const sum = new Float32Array([1, 2, 16777216]);

    addInto(sum, new Float32Array([0.5, -2, 1]));

    expect(Array.from(sum)).toEqual([1.5, 0, 16777216]);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => addInto(new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
  });
});
