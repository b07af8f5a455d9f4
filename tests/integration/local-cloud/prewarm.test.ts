import { type FixtureCloud, startFixtureCloud } from './support/cloud';

jest.setTimeout(60000);

const WARMTH = 'lc-flow-local-warmth';

describe('local cloud: prewarmed functions', () => {
  let fixture: FixtureCloud | undefined;

  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('starts an environment of every function before its first invocation, which then reuses it', async () => {
    fixture = await startFixtureCloud(['flow'], { prewarmFunctions: true });

    const warm = await fixture.cloud.prewarmed;
    const before = Date.now();
    const first = await fixture.cloud.invokeFunction(WARMTH, {});

    expect(warm).toEqual(expect.arrayContaining([WARMTH, 'lc-flow-local-double', 'lc-flow-local-slow']));
    expect(first.ok).toBe(true);
    const { loadedAt } = (first as { payload: { loadedAt: number } }).payload;
    expect(loadedAt).toBeLessThan(before);
  });

  it('starts nothing ahead without the option: the first invocation is a cold start', async () => {
    fixture = await startFixtureCloud(['flow']);

    const warm = await fixture.cloud.prewarmed;
    const before = Date.now();
    const first = await fixture.cloud.invokeFunction(WARMTH, {});

    expect(warm).toEqual([]);
    expect((first as { payload: { loadedAt: number } }).payload.loadedAt).toBeGreaterThanOrEqual(before);
  });
});
