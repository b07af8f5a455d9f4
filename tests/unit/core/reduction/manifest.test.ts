import { InputError, MAX_BATCH_SIZE, Manifest, ValidationError } from '@seisless/core';
import fc from 'fast-check';

describe('Manifest', () => {
  it('starts empty and records positions without changing the original', () => {
    const empty = Manifest.empty(10);

    const m = empty.with(0).with(9).with(9);

    expect(m.positions()).toEqual([0, 9]);
    expect(m.count).toBe(2);
    expect(empty.count).toBe(0);
    expect(m.has(9)).toBe(true);
    expect(m.has(1)).toBe(false);
  });

  it('encodes bit j of byte j >> 3, least significant bit first (contract)', () => {
    expect(Manifest.empty(3).with(2).toBase64()).toBe('BA==');
    expect(Manifest.empty(9).with(0).with(8).toBase64()).toBe(Buffer.from([1, 1]).toString('base64'));
  });

  it('round-trips through base64', () => {
    const m = Manifest.empty(20).with(3).with(17);

    const back = Manifest.fromBase64(m.toBase64(), 20, 'acc');

    expect(back.positions()).toEqual([3, 17]);
  });

  it('builds the manifest of a set of positions', () => {
    expect(Manifest.of([2, 0, 2], 3).positions()).toEqual([0, 2]);
    expect(() => Manifest.of([3], 3)).toThrow(ValidationError);
  });

  it('round-trips any set of batch positions', () => {
    const batches = fc
      .integer({ min: 1, max: 300 })
      .chain((b) => fc.tuple(fc.constant(b), fc.uniqueArray(fc.nat(b - 1))));
    fc.assert(
      fc.property(batches, ([b, positions]) => {
        const back = Manifest.fromBase64(Manifest.of(positions, b).toBase64(), b, 'acc');
        expect(back.positions()).toEqual([...positions].sort((x, y) => x - y));
      }),
    );
  });

  it('is complete when every position is set', () => {
    expect(Manifest.empty(2).with(0).complete).toBe(false);
    expect(Manifest.empty(2).with(0).with(1).complete).toBe(true);
  });

  it('rejects a bitset of the wrong length, bad base64 or bits beyond the batch', () => {
    expect(() => Manifest.fromBase64('AAA=', 3, 'acc')).toThrow(InputError);
    expect(() => Manifest.fromBase64('!!', 3, 'acc')).toThrow(/not a base64 bitset/);
    expect(() => Manifest.fromBase64(Buffer.from([0b1000]).toString('base64'), 3, 'acc')).toThrow(
      /beyond batch size 3/,
    );
  });

  it('refuses positions outside the batch and batch sizes the metadata cannot hold', () => {
    expect(() => Manifest.empty(3).with(3)).toThrow(ValidationError);
    expect(() => Manifest.empty(3).has(-1)).toThrow(ValidationError);
    expect(() => Manifest.empty(0)).toThrow(ValidationError);
    expect(() => Manifest.empty(MAX_BATCH_SIZE + 1)).toThrow(ValidationError);
  });

  it('fits the largest batch in S3 user metadata (2 KB)', () => {
    let m = Manifest.empty(MAX_BATCH_SIZE);
    for (let j = 0; j < MAX_BATCH_SIZE; j += 1) m = m.with(j);

    expect(m.toBase64().length).toBeLessThan(1500);
    expect(m.complete).toBe(true);
  });
});
