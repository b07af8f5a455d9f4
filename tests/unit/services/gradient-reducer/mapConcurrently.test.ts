import { mapConcurrently } from '../../../../services/gradient-reducer/src/mapConcurrently';

describe('mapConcurrently', () => {
  it('keeps the order of the items and never exceeds the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const slowDouble = async (n: number) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (7 - n) % 3));
      inFlight -= 1;
      return 2 * n;
    };

    const out = await mapConcurrently([1, 2, 3, 4, 5, 6, 7], 3, slowDouble);

    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(most).toBe(3);
  });

  it('returns an empty array for no items and rejects with the first error', async () => {
    await expect(mapConcurrently([], 4, async () => 1)).resolves.toEqual([]);
    await expect(
      mapConcurrently([1, 2], 2, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
  });
});
