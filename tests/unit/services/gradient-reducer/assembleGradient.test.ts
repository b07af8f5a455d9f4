import { InputError, Manifest, type ShotChunks } from '@seisless/core';
import fc from 'fast-check';
import {
  type AccumulatorChunk,
  assembleGradient,
  commonPositions,
  type ShotSources,
} from '../../../../services/gradient-reducer/src/assembleGradient';

/**
 * A batch of per-shot gradients and the chunk accumulators a reducer would have written: each
 * shot's objective in the first chunk it touches (`coverage`; absent: chunk 0).
 */
function scenario(
  shots: number[][],
  objectives: number[],
  manifests: number[][],
  chunkSize: number,
  coverage?: ShotChunks[],
) {
  const n = shots[0]?.length ?? 0;
  const chunks: AccumulatorChunk[] = manifests.map((positions, c) => {
    const start = c * chunkSize;
    const end = Math.min(start + chunkSize, n);
    const data = new Float32Array(end - start);
    for (const p of positions)
      for (let i = start; i < end; i++)
        data[i - start] = (data[i - start] as number) + (shots[p]?.[i] as number);
    const home = positions.filter((p) => (coverage?.[p]?.[0] ?? 0) === c);
    const objective = home.reduce((sum, p) => sum + (objectives[p] as number), 0);
    return { chunk: c, manifest: Manifest.of(positions, shots.length), objective, data };
  });
  const sources: ShotSources = {
    shotChunk: async (p, c) => Float32Array.from(shots[p]?.slice(c * chunkSize, (c + 1) * chunkSize) ?? []),
    shotObjective: async (p) => objectives[p] as number,
  };
  return { chunks, sources, n };
}

describe('assembleGradient', () => {
  it('joins complete chunks without rescaling', async () => {
    const { chunks, sources } = scenario(
      [
        [1, 2, 3],
        [10, 20, 30],
      ],
      [1, 2],
      [
        [0, 1],
        [0, 1],
      ],
      2,
    );
    const out = await assembleGradient(chunks, 3, sources);
    expect(Array.from(out.gradient)).toEqual([11, 22, 33]);
    expect(out).toMatchObject({
      usedPositions: [0, 1],
      droppedPositions: [],
      rescale: 1,
      objective: 3,
      batchSize: 2,
    });
  });

  it('subtracts a shot only some chunks hold, and rescales by B / B_used', async () => {
    // shot 2 failed entirely; shot 1 reached chunk 0 only
    const { chunks, sources } = scenario(
      [
        [1, 1, 1],
        [2, 2, 2],
        [4, 4, 4],
      ],
      [1, 2, 4],
      [[0, 1], [0]],
      2,
    );
    const out = await assembleGradient(chunks, 3, sources);
    expect(out.usedPositions).toEqual([0]);
    expect(out.droppedPositions).toEqual([1]);
    expect(out.rescale).toBe(3);
    expect(Array.from(out.gradient)).toEqual([3, 3, 3]);
    expect(out.objective).toBe(3); // chunk 0's 1 + 2, less the dropped shot's 2: 1 × 3
  });

  it('subtracts only the objectives of dropped shots that their first chunk holds', async () => {
    const { chunks, sources } = scenario(
      [
        [1, 1],
        [2, 2],
        [4, 4],
      ],
      [1, 2, 4],
      [
        [0, 1],
        [0, 2],
      ],
      1,
    );
    const out = await assembleGradient(chunks, 2, sources);
    expect(out.usedPositions).toEqual([0]);
    expect(out.objective).toBe(3 * 1);
  });

  it('with apertures, uses the shots in every chunk they touch, leaving out one that reached none of its own', async () => {
    // 4 chunks of 1; shot 0 touches chunks 0–1, shot 1 chunks 1–2, shot 2 chunk 3 but reached none
    const coverage: ShotChunks[] = [
      [0, 2],
      [1, 3],
      [3, 4],
    ];
    const { chunks, sources } = scenario(
      [
        [1, 1, 0, 0],
        [0, 2, 2, 0],
        [0, 0, 0, 4],
      ],
      [1, 2, 4],
      [[0], [0, 1], [1], []],
      1,
      coverage,
    );
    const out = await assembleGradient(chunks, 4, sources, coverage);
    expect(out.usedPositions).toEqual([0, 1]);
    expect(out.droppedPositions).toEqual([]);
    expect(out.rescale).toBe(1.5);
    expect(Array.from(out.gradient)).toEqual([1.5, 4.5, 3, 0]);
    expect(out.objective).toBe(1.5 * 3);
  });

  it('with apertures, subtracts a shot that reached only some of its chunks', async () => {
    const coverage: ShotChunks[] = [
      [0, 1],
      [0, 2],
    ];
    const { chunks, sources } = scenario(
      [
        [1, 0],
        [2, 2],
      ],
      [1, 2],
      [[0, 1], []],
      1,
      coverage,
    );
    const out = await assembleGradient(chunks, 2, sources, coverage);
    expect(out.usedPositions).toEqual([0]);
    expect(out.droppedPositions).toEqual([1]);
    expect(Array.from(out.gradient)).toEqual([2, 0]);
    expect(out.objective).toBe(2 * 1);
  });

  it('fails when no shot is in every chunk', async () => {
    const { chunks, sources } = scenario(
      [
        [1, 1],
        [2, 2],
      ],
      [1, 2],
      [[0], [1]],
      1,
    );
    await expect(assembleGradient(chunks, 2, sources)).rejects.toThrow(InputError);
    await expect(assembleGradient(chunks, 2, sources)).rejects.toThrow(/no shot is in every chunk/);
  });

  it('fails when the chunks do not cover the grid', async () => {
    const { chunks, sources } = scenario([[1, 1, 1]], [1], [[0], [0]], 2);
    await expect(assembleGradient(chunks, 4, sources)).rejects.toThrow(/3 elements in all; expected 4/);
  });

  it('always equals B / B_used times the sum over the common shots', async () => {
    const arbitrary = fc
      .record({
        b: fc.integer({ min: 1, max: 6 }),
        n: fc.integer({ min: 1, max: 40 }),
        size: fc.integer({ min: 1, max: 16 }),
      })
      .chain(({ b, n, size }) =>
        fc.record({
          shots: fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }), {
            minLength: b,
            maxLength: b,
          }),
          objectives: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: b, maxLength: b }),
          used: fc.uniqueArray(fc.nat(b - 1), { minLength: 1 }),
          extras: fc.array(fc.uniqueArray(fc.nat(b - 1)), {
            minLength: Math.ceil(n / size),
            maxLength: Math.ceil(n / size),
          }),
          size: fc.constant(size),
        }),
      );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ shots, objectives, used, extras, size }) => {
        const manifests = extras.map((extra) => [...new Set([...used, ...extra])]);
        const { chunks, sources, n } = scenario(shots, objectives, manifests, size);
        const out = await assembleGradient(chunks, n, sources);
        const common = commonPositions(chunks);
        const r = shots.length / common.length;
        for (let i = 0; i < n; i++) {
          const sum = common.reduce((s, p) => s + (shots[p]?.[i] as number), 0);
          expect(out.gradient[i]).toBeCloseTo(Math.fround(r * sum), 3);
        }
        expect(out.objective).toBeCloseTo(r * common.reduce((s, p) => s + (objectives[p] as number), 0), 6);
        expect(common).toEqual(expect.arrayContaining(used));
      }),
    );
  });
});
