import { searchDirection } from '../../../../services/line-search/src/searchDirection';

describe('searchDirection', () => {
  it('is minus the gradient, in the gradient units', () => {
    expect(Array.from(searchDirection(Float32Array.from([1, -2, 0])))).toEqual([-1, 2, -0]);
  });
});
