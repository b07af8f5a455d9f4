import { InputError } from '@seisless/core';
import fc from 'fast-check';
import { decodeManifest, encodeManifest } from '../../../../services/line-search/src/manifest';

describe('manifest', () => {
  it('reads bit j of byte j >> 3, least significant bit first', () => {
    expect(decodeManifest(Buffer.from([0b00000101, 0b00000010]).toString('base64'), 16, 'm')).toEqual([
      0, 2, 9,
    ]);
  });

  it('round-trips any set of batch positions', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((b) => fc.tuple(fc.constant(b), fc.uniqueArray(fc.nat(b - 1)))),
        ([b, positions]) => {
          const sorted = [...positions].sort((x, y) => x - y);
          expect(decodeManifest(encodeManifest(positions, b), b, 'm')).toEqual(sorted);
        },
      ),
    );
  });

  it('rejects positions beyond the batch size', () => {
    expect(() => decodeManifest(encodeManifest([5], 8), 4, 'chunk-0')).toThrow(InputError);
    expect(() => decodeManifest(encodeManifest([5], 8), 4, 'chunk-0')).toThrow(
      /chunk-0: manifest holds batch position 5/,
    );
  });
});
