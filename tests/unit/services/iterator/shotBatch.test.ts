import { permutation, shotBatch } from '../../../../services/iterator/src/shotBatch';

describe('shotBatch', () => {
  it('uses every shot exactly once per epoch', () => {
    const shots = 12;
    const drawn = [1, 2, 3].flatMap((iteration) => shotBatch({ seed: 7, shots, batchSize: 4, iteration }));
    expect([...drawn].sort((a, b) => a - b)).toEqual(Array.from({ length: shots }, (_, i) => i));
  });

  it('gives the same batch for the same seed and iteration, and another for another seed', () => {
    const a = shotBatch({ seed: 3, shots: 40, batchSize: 8, iteration: 5 });
    expect(shotBatch({ seed: 3, shots: 40, batchSize: 8, iteration: 5 })).toEqual(a);
    expect(shotBatch({ seed: 4, shots: 40, batchSize: 8, iteration: 5 })).not.toEqual(a);
  });

  it('never repeats a shot inside a batch when the batch size does not divide the shots', () => {
    for (let iteration = 1; iteration <= 6; iteration += 1) {
      const batch = shotBatch({ seed: 1, shots: 5, batchSize: 3, iteration });
      expect(new Set(batch).size).toBe(3);
    }
  });

  it('permutes all indices', () => {
    expect([...permutation(10, 99)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
