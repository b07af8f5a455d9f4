import { InputError } from '@seisless/core';
import { parseAccumulator } from '../../../../services/line-search/src/accumulator';
import { accumulatorObject } from '../../../support/accumulatorObjects';

const where = { key: 'runs/r/iterations/1/accumulators/chunk-0.npy', chunk: 0, length: 3 };

describe('parseAccumulator', () => {
  it('reads the data and the manifest', () => {
    const object = accumulatorObject([1, 2, 3], { positions: [0, 2], batchSize: 3, objective: 12.5 });
    const chunk = parseAccumulator(object, where);
    expect(chunk).toMatchObject({ chunk: 0, positions: [0, 2], objective: 12.5, batchSize: 3 });
    expect(Array.from(chunk.data)).toEqual([1, 2, 3]);
  });

  it('rejects a count that disagrees with the manifest', () => {
    const object = accumulatorObject([1, 2, 3], { positions: [0, 2], batchSize: 3, objective: 1 });
    object.metadata.count = '3';
    expect(() => parseAccumulator(object, where)).toThrow(/manifest holds 2 shots but count is 3/);
  });

  it('rejects malformed metadata and a wrong length', () => {
    const object = accumulatorObject([1, 2, 3], { positions: [0], batchSize: 3, objective: 1 });
    expect(() =>
      parseAccumulator({ ...object, metadata: { ...object.metadata, objective: 'x' } }, where),
    ).toThrow(InputError);
    expect(() => parseAccumulator(object, { ...where, length: 4 })).toThrow(/3 elements; expected 4/);
  });
});
