import { chunkCount, chunkShotCounts, positionChunks, runKeys, type ShotChunks } from '@seisless/core';
import fc from 'fast-check';
import { accumulatorRef, readAccumulator } from '../../../../services/gradient-reducer/src/accumulatorStore';
import {
  completionSignals,
  type SignalChunkComplete,
} from '../../../../services/gradient-reducer/src/completionSignal';
import { reductionStatus } from '../../../../services/gradient-reducer/src/reductionStatus';
import { seedGradientTask } from '../../../support/accumulatorObjects';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import {
  gradientChunk,
  reductionMessages,
  type ShotGradient,
  seedGradient,
  shotGradient,
  sqsRecord,
  TEST_BUCKET,
} from '../../../support/reductionMessages';
import { type Chaos, simulateDeliveries } from '../../../support/reductionSimulator';

/** What happens to the shot at each batch position: it arrives, its job never reports, or its gradient is wrong. */
type Fate = 'ok' | 'absent' | 'mismatch';

interface Scenario {
  readonly gradients: ShotGradient[];
  /** With apertures: each batch position's chunks (it sends only those); absent: every chunk. */
  readonly coverage?: ShotChunks[];
  readonly fates: Fate[];
  readonly duplicates: number[];
  readonly chaos: Chaos;
}

const chaosArb = fc.record({
  seed: fc.integer(),
  faultRate: fc.constantFrom(0, 0.05, 0.2, 0.4),
  crashRate: fc.constantFrom(0, 0.1, 0.3),
  concurrentRate: fc.constantFrom(0, 0.3),
  lateWriteRate: fc.constantFrom(0, 0.2),
  budget: fc.integer({ min: 0, max: 60 }),
  maxReceiveCount: fc.constantFrom(3, 5, 1000),
  handlerRetries: fc.constantFrom(0, 3),
});

/** Gradients of k/8 (k ≥ 1): float32 sums are exact, so a double count cannot hide in rounding. */
const exactValues = (n: number) => fc.array(fc.integer({ min: 1, max: 64 }), { minLength: n, maxLength: n });
const anyFloats = (n: number) =>
  fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }), {
    minLength: n,
    maxLength: n,
  });

function scenarioArb(values: (n: number) => fc.Arbitrary<number[]>, scale: number): fc.Arbitrary<Scenario> {
  return fc
    .record({
      batchSize: fc.integer({ min: 1, max: 6 }),
      n: fc.integer({ min: 1, max: 40 }),
      chunks: fc.integer({ min: 1, max: 7 }),
    })
    .chain(({ batchSize, n, chunks }) =>
      fc
        .record({
          fates: fc.array(fc.constantFrom<Fate>('ok', 'ok', 'ok', 'absent', 'mismatch'), {
            minLength: batchSize,
            maxLength: batchSize,
          }),
          data: fc.array(values(n), { minLength: batchSize, maxLength: batchSize }),
          objectives: fc.array(fc.integer({ min: -800, max: 800 }), {
            minLength: batchSize,
            maxLength: batchSize,
          }),
          duplicates: fc.array(fc.nat(), { maxLength: 12 }),
          chaos: chaosArb,
          ranges: fc.option(
            fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { minLength: batchSize, maxLength: batchSize }),
          ),
        })
        .map(({ fates, data, objectives, duplicates, chaos, ranges }) => ({
          fates,
          duplicates,
          chaos,
          ...(ranges === null
            ? {}
            : { coverage: coverageOf(ranges, chunkCount([n], Math.ceil(n / chunks))) }),
          gradients: data.map((values, batchIndex) =>
            shotGradient({
              shot: 3 * batchIndex + 2,
              batchIndex,
              batchSize,
              shape: [n],
              chunkSize: Math.ceil(n / chunks),
              data: Float32Array.from(values, (v) => v / scale),
              objective: (objectives[batchIndex] ?? 0) / 8,
            }),
          ),
        })),
    );
}

/** Drawn pairs as chunk ranges `[first, end)` within `count` chunks. */
function coverageOf(pairs: readonly [number, number][], count: number): ShotChunks[] {
  return pairs.map(([a, b]) => [Math.min(a % count, b % count), Math.max(a % count, b % count) + 1]);
}

const countOf = (s: Scenario) =>
  chunkCount((s.gradients[0] as ShotGradient).shape, (s.gradients[0] as ShotGradient).chunkSize);

/** The messages a shot's job sends: its range's chunks, with what each chunk expects. */
function messagesOf(s: Scenario, g: ShotGradient) {
  const all = reductionMessages(g);
  if (s.coverage === undefined) return all;
  const counts = chunkShotCounts(s.coverage, s.gradients.length, countOf(s));
  const chunksWithShots = counts.filter((n) => n > 0).length;
  const [first, end] = positionChunks(s.coverage, g.batchIndex, countOf(s));
  return all.slice(first, end).map((m) => ({
    ...m,
    shotChunks: [first, end] as [number, number],
    chunkShots: counts[m.chunk] ?? 0,
    chunksWithShots,
  }));
}

const touches = (s: Scenario, g: ShotGradient, chunk: number) => {
  const [first, end] = positionChunks(s.coverage, g.batchIndex, countOf(s));
  return first <= chunk && chunk < end;
};

async function run(s: Scenario) {
  const store = new InMemoryBlobStore();
  const g0 = s.gradients[0] as ShotGradient;
  const at = { bucket: TEST_BUCKET, runId: g0.runId, iteration: g0.iteration };
  seedGradientTask(
    store,
    at,
    s.gradients.map((g) => g.shot),
    s.coverage,
  );
  const sent = s.gradients.filter((_, j) => s.fates[j] !== 'absent');
  for (const g of sent)
    seedGradient(
      store,
      s.fates[g.batchIndex] === 'mismatch'
        ? { ...g, shape: [g.data.length + 1], data: new Float32Array(g.data.length + 1) }
        : g,
    );
  const records = sent.flatMap((g) => messagesOf(s, g).map((m) => sqsRecord(m)));
  const copies = s.duplicates.flatMap((i) =>
    records.length === 0
      ? []
      : [sqsRecord(JSON.parse((records[i % records.length] as { body: string }).body))],
  );
  const woken: string[] = [];
  // One invocation's signals share their LIST rounds, as the handler's do.
  const signals = new WeakMap<object, SignalChunkComplete>();
  const simulation = await simulateDeliveries(store, [...records, ...copies], {
    ...s.chaos,
    bucket: TEST_BUCKET,
    onChunkComplete: (chunk, invocationStore) => {
      let signal = signals.get(invocationStore);
      if (signal === undefined) {
        signal = completionSignals({
          store: invocationStore,
          bucket: TEST_BUCKET,
          wake: async (runId: string) => woken.push(runId) > 0,
        });
        signals.set(invocationStore, signal);
      }
      return signal(chunk);
    },
  });
  return { store, simulation, woken };
}

async function chunkState(store: InMemoryBlobStore, g0: ShotGradient, chunk: number) {
  const acc = await readAccumulator(
    store,
    accumulatorRef(TEST_BUCKET, { runId: g0.runId, iteration: g0.iteration, chunk }),
  );
  const deadKeys = await store.list(TEST_BUCKET, runKeys(g0.runId).deadLettersPrefix(g0.iteration));
  const dead = (shot: number) => deadKeys.includes(runKeys(g0.runId).deadLetter(g0.iteration, shot, chunk));
  return { acc, positions: acc?.manifest.positions() ?? [], dead };
}

/** Checks every invariant of the reduction after all messages were eventually processed. */
async function checkInvariants(s: Scenario, store: InMemoryBlobStore, tolerance: number) {
  const g0 = s.gradients[0] as ShotGradient;
  const chunks = chunkCount(g0.shape, g0.chunkSize);
  const states = await Promise.all(Array.from({ length: chunks }, (_, c) => chunkState(store, g0, c)));
  for (const [c, { acc, positions, dead }] of states.entries()) {
    const summed = positions.map((j) => s.gradients[j] as ShotGradient);
    // Only shots that arrived with a matching gradient are summed; the others are dead letters.
    expect(positions.every((j) => s.fates[j] === 'ok')).toBe(true);
    for (const g of s.gradients.filter((shot) => touches(s, shot, c))) {
      if (s.fates[g.batchIndex] === 'mismatch') expect(dead(g.shot)).toBe(true);
      if (s.fates[g.batchIndex] === 'ok' && !positions.includes(g.batchIndex))
        expect(dead(g.shot)).toBe(true);
    }
    const expected = gradientChunk(g0, c).map((_, i) =>
      summed.reduce((sum, g) => sum + (gradientChunk(g, c)[i] ?? 0), 0),
    );
    const bound =
      tolerance *
      summed.reduce((sum, g) => sum + gradientChunk(g, c).reduce((a, v) => a + Math.abs(v), 0), 0);
    if (summed.length > 0) expect(acc?.data.length).toBe(expected.length);
    const worst = Array.from(acc?.data ?? []).reduce(
      (w, v, i) => Math.max(w, Math.abs(v - (expected[i] ?? 0))),
      0,
    );
    expect(worst).toBeLessThanOrEqual(bound);
    const head = await store.head(
      accumulatorRef(TEST_BUCKET, { runId: g0.runId, iteration: g0.iteration, chunk: c }),
    );
    expect(head?.metadata.count).toBe(acc === undefined ? undefined : String(positions.length));
    // Each shot's objective is summed in the first chunk it sends.
    const home = summed.filter((g) => positionChunks(s.coverage, g.batchIndex, chunks)[0] === c);
    const objective = home.reduce((sum, g) => sum + g.objective, 0);
    if (acc !== undefined)
      expect(Math.abs(acc.objective - objective)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(objective)));
  }
  return checkStatus(s, store, states);
}

async function checkStatus(
  s: Scenario,
  store: InMemoryBlobStore,
  states: Awaited<ReturnType<typeof chunkState>>[],
) {
  const g0 = s.gradients[0] as ShotGradient;
  const shots = s.gradients.map((g) => g.shot);
  const query = { runId: g0.runId, iteration: g0.iteration, shots, chunkCount: states.length };
  const status = await reductionStatus(query, { store, bucket: TEST_BUCKET });
  const inAll = s.gradients
    .filter((g) => states.every((st, c) => !touches(s, g, c) || st.positions.includes(g.batchIndex)))
    .map((g) => g.shot);
  const lost = s.gradients.filter((g) =>
    states.some((st, c) => touches(s, g, c) && !st.positions.includes(g.batchIndex) && st.dead(g.shot)),
  );
  const expected = chunkShotCounts(s.coverage, shots.length, states.length);
  expect(status.shotsInAllChunks).toEqual(inAll);
  expect(status.missingShots).toEqual(shots.filter((shot) => !inAll.includes(shot)));
  expect(status.deadLetterShots).toEqual(lost.map((g) => g.shot));
  expect(status.complete).toBe(inAll.length === shots.length);
  expect(status.chunksComplete).toBe(
    states.filter((st, c) => expected[c] === 0 || st.positions.length === expected[c]).length,
  );
  const accumulators = states.flatMap((st) => (st.acc === undefined ? [] : [st.acc.objective]));
  expect(status.objective).toBe(accumulators.length === 0 ? null : accumulators.reduce((a, b) => a + b, 0));
  if (s.fates.every((f) => f === 'ok') && s.chaos.maxReceiveCount === 1000)
    expect(status.complete).toBe(true);
  return status;
}

describe('exactly-once reduction (property)', () => {
  it('sums every arriving shot exactly once, whatever the order, duplicates, faults and crashes', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(exactValues, 8), async (s) => {
        const { store, simulation, woken } = await run(s);
        const status = await checkInvariants(s, store, 0);
        // The run is woken only once its reduction is complete, and then surely unless a
        // record was dead-lettered (the dead-letter recorder wakes it then).
        if (woken.length > 0) expect(status.complete).toBe(true);
        if (status.complete && simulation.deadLettered.length === 0) expect(woken.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps float sums within rounding of the exact sum for arbitrary float32 gradients', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(anyFloats, 1), async (s) => {
        const { store } = await run(s);
        await checkInvariants(s, store, 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('takes about one invocation per ten messages when nothing goes wrong', async () => {
    const gradients = Array.from({ length: 8 }, (_, j) =>
      shotGradient({ shot: j, batchIndex: j, batchSize: 8, shape: [64], chunkSize: 8 }),
    );
    const s: Scenario = {
      gradients,
      fates: gradients.map(() => 'ok'),
      duplicates: [],
      chaos: { seed: 7, faultRate: 0, crashRate: 0, concurrentRate: 0, budget: 0, maxReceiveCount: 5 },
    };

    const { store, simulation } = await run(s);

    await checkInvariants(s, store, 0);
    expect(simulation.deadLettered).toEqual([]);
    expect(simulation.invocations).toBeLessThanOrEqual(64 / 2);
  });
});
