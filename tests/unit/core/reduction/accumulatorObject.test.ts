import { decodeAccumulator, encodeAccumulator, encodeFloat32Npy, InputError, Manifest } from '@seisless/core';

const source = 's3://b/runs/r/iterations/1/accumulators/chunk-0.npy';

describe('accumulator object', () => {
  it('round-trips data and metadata, exactly', () => {
    const contents = {
      data: Float32Array.from([0.5, -2, 3]),
      manifest: Manifest.of([0, 2], 3),
      objective: 0.3,
    };

    const back = decodeAccumulator(encodeAccumulator(contents), source, 3);

    expect(Array.from(back.data)).toEqual([0.5, -2, 3]);
    expect(back.manifest.positions()).toEqual([0, 2]);
    expect(back.objective).toBe(0.3);
  });

  it('writes the contract metadata keys', () => {
    const { metadata } = encodeAccumulator({
      data: new Float32Array(2),
      manifest: Manifest.of([1], 2),
      objective: 4,
      writtenAt: 7,
      updateMs: 3,
    });

    expect(metadata).toEqual({
      manifest: 'Ag==',
      count: '1',
      objective: '4',
      'batch-size': '2',
      'written-at': '7',
      'update-ms': '3',
    });
  });

  it("refuses an accumulator that is not the chunk's length", () => {
    const object = encodeAccumulator({
      data: new Float32Array(4),
      manifest: Manifest.of([0], 1),
      objective: 1,
    });

    expect(() => decodeAccumulator(object, source, 5)).toThrow(InputError);
    expect(() => decodeAccumulator(object, source, 5)).toThrow(
      `${source}: 4 elements; expected 5, the chunk's length`,
    );
  });

  it('refuses an array of more than one dimension', () => {
    const { metadata } = encodeAccumulator({
      data: new Float32Array(4),
      manifest: Manifest.of([0], 1),
      objective: 1,
    });
    const body = encodeFloat32Npy({ shape: [2, 2], data: new Float32Array(4) });

    expect(() => decodeAccumulator({ body, metadata }, source)).toThrow(
      `${source}: accumulator of shape [2, 2]; expected one dimension`,
    );
  });

  it('refuses metadata that disagree with the manifest', () => {
    const object = encodeAccumulator({
      data: new Float32Array(1),
      manifest: Manifest.of([0, 1], 2),
      objective: 1,
    });

    expect(() =>
      decodeAccumulator({ ...object, metadata: { ...object.metadata, count: '1' } }, source),
    ).toThrow(`${source}: metadata count 1 but the manifest holds 2 shots`);
  });
});
