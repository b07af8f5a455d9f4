import { stepImage, stepVelocity } from '../../../../services/iterator/src/applyStep';

describe('stepImage', () => {
  it('adds step times direction', () => {
    expect(Array.from(stepImage(Float32Array.of(1, 2), Float32Array.of(-1, 0.5), 2))).toEqual([-1, 3]);
  });
});

describe('stepVelocity', () => {
  it('updates squared slowness and maps back to velocity', () => {
    const v = stepVelocity(Float32Array.of(2), Float32Array.of(-0.05), 1, { minKmS: 1, maxKmS: 5 });
    expect(v[0]).toBeCloseTo(1 / Math.sqrt(0.25 - 0.05), 5);
  });

  it('clips to the velocity bounds', () => {
    const v = stepVelocity(Float32Array.of(2, 2), Float32Array.of(10, -10), 1, { minKmS: 1.5, maxKmS: 3 });
    expect(Array.from(v)).toEqual([1.5, 3]);
  });
});
