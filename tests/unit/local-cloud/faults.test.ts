import { Faults } from '../../../scripts/local-cloud/faults';
import { seededRandom } from '../../../scripts/local-cloud/random';

/** A Binomial(n, p) count stays within these bounds except with probability ~1e-5. */
function binomialBounds(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [n * p - 4.5 * sd, n * p + 4.5 * sd];
}

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draws = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);

    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('is uniform enough: each tenth of [0, 1) gets its share', () => {
    const random = seededRandom(3);
    const n = 20000;
    const bins = Array<number>(10).fill(0);
    for (let i = 0; i < n; i += 1) {
      const bin = Math.floor(random.next() * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    const [low, high] = binomialBounds(n, 0.1);

    for (const count of bins) {
      expect(count).toBeGreaterThanOrEqual(low);
      expect(count).toBeLessThanOrEqual(high);
    }
  });
});

describe('Faults', () => {
  it.each([
    ['crashBefore', 'lambdaCrashBeforeRate', 0.1],
    ['crashAfter', 'lambdaCrashAfterRate', 0.3],
    ['duplicateDelivery', 'sqsDuplicateRate', 0.05],
  ] as const)('%s fires at %s within binomial bounds', (method, key, rate) => {
    const faults = new Faults({ seed: 11, [key]: rate });
    const n = 10000;
    let fired = 0;
    for (let i = 0; i < n; i += 1) if (faults[method]('fn')) fired += 1;
    const [low, high] = binomialBounds(n, rate);

    expect(fired).toBeGreaterThanOrEqual(low);
    expect(fired).toBeLessThanOrEqual(high);
  });

  it('kills Batch attempts at the rate, at times spread over the window', () => {
    const faults = new Faults({ seed: 5, batchKillRate: 0.25, batchKillWindowMs: 1000 });
    const times = Array.from({ length: 8000 }, () => faults.batchKillAfterMs()).filter(
      (t): t is number => t !== undefined,
    );
    const [low, high] = binomialBounds(8000, 0.25);

    expect(times.length).toBeGreaterThanOrEqual(low);
    expect(times.length).toBeLessThanOrEqual(high);
    expect(Math.max(...times)).toBeLessThanOrEqual(1000);
    expect(times.filter((t) => t < 500).length / times.length).toBeCloseTo(0.5, 1);
  });

  it('limits Lambda faults to the listed functions and can change at run time', () => {
    const faults = new Faults({ lambdaCrashBeforeRate: 1, functions: ['target'] });

    expect(faults.crashBefore('target')).toBe(true);
    expect(faults.crashBefore('bystander')).toBe(false);
    faults.set({ lambdaCrashBeforeRate: 0 });
    expect(faults.crashBefore('target')).toBe(false);
  });

  it.each([
    [{ sqsDuplicateRate: 1.5 }, 'sqsDuplicateRate is 1.5; expected a probability in [0, 1]'],
    [{ lambdaDelayMs: -1 }, 'lambdaDelayMs is -1; expected a number ≥ 0'],
    [{ lambdaCrashRate: 0.1 }, "unknown fault 'lambdaCrashRate'"],
  ])('rejects %j', (config, message) => {
    expect(() => new Faults(config as never)).toThrow(message);
  });

  it('counts the faults it injected, Batch kills only when they happened, across resets', () => {
    const faults = new Faults({
      seed: 9,
      sqsDuplicateRate: 0.5,
      lambdaCrashBeforeRate: 0.5,
      lambdaCrashAfterRate: 0.5,
      functions: ['target'],
    });
    let duplicates = 0;
    let before = 0;
    let after = 0;
    for (let i = 0; i < 200; i += 1) {
      if (faults.duplicateDelivery()) duplicates += 1;
      if (faults.crashBefore('target')) before += 1;
      else if (faults.crashAfter('target')) after += 1;
      faults.crashBefore('other');
    }
    faults.batchKillAfterMs();
    faults.batchKilled();
    faults.reset();

    expect(faults.injected).toEqual({
      sqsDuplicates: duplicates,
      lambdaCrashesBefore: before,
      lambdaCrashesAfter: after,
      batchKills: 1,
    });
    expect(duplicates * before * after).toBeGreaterThan(0);
  });

  it('crashes exactly the listed invocations of the targeted function, before or after its handler', () => {
    const faults = new Faults({
      functions: ['target'],
      lambdaCrashBeforeInvocations: [1],
      lambdaCrashAfterInvocations: [2],
    });
    const outcomes: string[] = [];

    for (let i = 0; i < 4; i += 1) {
      faults.crashBefore('bystander');
      if (faults.crashBefore('target')) outcomes.push('before');
      else outcomes.push(faults.crashAfter('target') ? 'after' : 'ok');
    }

    // Invocation 1 crashes before; of the handlers that then ran, the second (invocation 3) crashes after.
    expect(outcomes).toEqual(['before', 'ok', 'after', 'ok']);
    expect(faults.injected).toMatchObject({ lambdaCrashesBefore: 1, lambdaCrashesAfter: 1 });
  });

  it('rejects an invocation list that is not of integers ≥ 1, naming it', () => {
    expect(() => new Faults({ lambdaCrashAfterInvocations: [0] })).toThrow(/lambdaCrashAfterInvocations/);
  });
});
