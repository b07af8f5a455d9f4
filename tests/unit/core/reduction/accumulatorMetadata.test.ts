import { decodeAccumulatorMetadata, encodeAccumulatorMetadata, InputError, Manifest } from '@seisless/core';

describe('accumulator metadata', () => {
  it('writes manifest, count, objective and batch size (contract keys)', () => {
    const metadata = encodeAccumulatorMetadata({ manifest: Manifest.empty(3).with(0), objective: 12.5 });

    expect(metadata).toEqual({ manifest: 'AQ==', count: '1', objective: '12.5', 'batch-size': '3' });
  });

  it('round-trips, objective exactly', () => {
    const summary = { manifest: Manifest.empty(12).with(4).with(11), objective: 0.1 + 0.2 };

    const back = decodeAccumulatorMetadata(encodeAccumulatorMetadata(summary), 'acc');

    expect(back.manifest.positions()).toEqual([4, 11]);
    expect(back.objective).toBe(0.1 + 0.2);
    expect(back.writtenAt).toBeUndefined();
  });

  it('writes and reads the write time (x-amz-meta-written-at, epoch ms)', () => {
    const summary = { manifest: Manifest.empty(2).with(1), objective: 1, writtenAt: 1_767_225_600_123 };

    const metadata = encodeAccumulatorMetadata(summary);

    expect(metadata['written-at']).toBe('1767225600123');
    expect(decodeAccumulatorMetadata(metadata, 'acc').writtenAt).toBe(1_767_225_600_123);
  });

  it.each([
    [{ count: '1', objective: '1', 'batch-size': '3' }, /x-amz-meta-manifest' is missing/],
    [{ manifest: 'AQ==', count: '2', objective: '1', 'batch-size': '3' }, /count 2 but the manifest holds 1/],
    [
      { manifest: 'AQ==', count: 'one', objective: '1', 'batch-size': '3' },
      /expected a non-negative integer/,
    ],
    [{ manifest: 'AQ==', count: '1', objective: 'abc', 'batch-size': '3' }, /expected a finite number/],
    [{ manifest: 'AQ==', count: '1', objective: 'Infinity', 'batch-size': '3' }, /expected a finite number/],
    [
      { manifest: 'AQ==', count: '1', objective: '1', 'batch-size': '8193' },
      /batch-size' is 8193; expected 1…8192/,
    ],
    [
      { manifest: 'CA==', count: '1', objective: '1', 'batch-size': '3' },
      /positions \[3\] beyond batch size 3/,
    ],
    [{ manifest: 'AQ==', count: '1', objective: '1', 'batch-size': '0' }, /batch-size' is 0/],
    [
      { manifest: 'AQ==', count: '1', objective: '1', 'batch-size': '3', 'written-at': 'soon' },
      /written-at' is 'soon'; expected a non-negative integer/,
    ],
  ])('rejects malformed metadata %j', (metadata, message) => {
    expect(() => decodeAccumulatorMetadata(metadata, 's3://b/acc')).toThrow(InputError);
    expect(() => decodeAccumulatorMetadata(metadata, 's3://b/acc')).toThrow(message);
  });
});
