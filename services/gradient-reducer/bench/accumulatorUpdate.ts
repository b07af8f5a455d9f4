/**
 * Times one accumulator update of one chunk against an in-memory store, so that only the
 * reducer's own work is measured (decode, byte-range slicing, Float32Array adds, encode, PUT
 * body): the figure "reduction tail ≤ 1.5 × one accumulator update" compares against it.
 *
 *   node --import tsx services/gradient-reducer/bench/accumulatorUpdate.ts [floats] [repeats]
 */

import type { BlobInfo, BlobRef, BlobStore, ByteRange, PutOptions } from '@seisless/core';
import { encodeFloat32Npy, type ReductionMessage, reductionGroupId, runKeys } from '@seisless/core';
import { reduceGroup } from '../src/reduceGroup';

const floats = Number(process.argv[2] ?? 262144);
const repeats = Number(process.argv[3] ?? 40);
const bucket = 'bench';

/** A Map-backed store that copies bytes in and out, as an SDK client would. */
function memoryStore(): BlobStore {
  const objects = new Map<string, { body: Uint8Array; info: BlobInfo }>();
  let version = 0;
  return {
    async get(ref: BlobRef, range?: ByteRange) {
      const o = objects.get(ref.key);
      if (o === undefined) return undefined;
      const body = range === undefined ? o.body : o.body.subarray(range.first, range.last + 1);
      return { ...o.info, body: Uint8Array.from(body) };
    },
    async head(ref: BlobRef) {
      return objects.get(ref.key)?.info;
    },
    async put(ref: BlobRef, body: Uint8Array, options: PutOptions = {}) {
      version += 1;
      const info = {
        metadata: { ...options.metadata },
        etag: `"${version}"`,
        lastModified: new Date(),
        size: body.length,
      };
      objects.set(ref.key, { body: Uint8Array.from(body), info });
    },
    async list() {
      return [...objects.keys()];
    },
  };
}

function message(shot: number, batchSize: number): ReductionMessage {
  return {
    version: 1,
    runId: 'bench',
    iteration: 1,
    shot,
    batchIndex: shot,
    batchSize,
    chunk: 0,
    chunkCount: 1,
    chunkSize: floats,
    elementCount: floats,
    shape: [floats],
    bucket,
    gradientKey: runKeys('bench').gradient(1, shot),
    headerLength: 128,
    objective: 1,
  };
}

const record = (m: ReductionMessage, id: string) => ({
  messageId: id,
  body: JSON.stringify(m),
  attributes: { MessageGroupId: reductionGroupId(m), ApproximateReceiveCount: '1' },
});

/** Milliseconds of one reduceGroup call that adds `perUpdate` new shots into a full-size accumulator. */
async function timeUpdates(perUpdate: number): Promise<number[]> {
  const batchSize = 1 + perUpdate * (repeats + 1);
  const store = memoryStore();
  const deps = { store, bucket, now: () => new Date() };
  const data = Float32Array.from({ length: floats }, (_, i) => Math.sin(i));
  for (let shot = 0; shot < batchSize; shot += 1) {
    await store.put(
      { bucket, key: runKeys('bench').gradient(1, shot) },
      encodeFloat32Npy({ shape: [floats], data }),
    );
  }
  await reduceGroup([record(message(0, batchSize), 'seed')], deps); // the accumulator exists from here on
  const times: number[] = [];
  for (let r = 0; r < repeats; r += 1) {
    const shots = Array.from({ length: perUpdate }, (_, k) => 1 + r * perUpdate + k);
    const started = process.hrtime.bigint();
    const outcomes = await reduceGroup(
      shots.map((s) => record(message(s, batchSize), `m${s}`)),
      deps,
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (outcomes.some((o) => o.kind !== 'added'))
      throw new Error(`bench: unexpected outcome ${JSON.stringify(outcomes)}`);
  }
  return times;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main() {
  const results: Record<string, { medianMs: number; p90Ms: number }> = {};
  for (const perUpdate of [1, 10]) {
    await timeUpdates(perUpdate); // warm-up (JIT)
    const sorted = (await timeUpdates(perUpdate)).sort((a, b) => a - b);
    const row = { medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9) };
    results[`messagesPerUpdate=${perUpdate}`] = row;
    console.error(
      `accumulator update, ${floats} floats, ${perUpdate} message(s): median ${row.medianMs.toFixed(2)} ms, p90 ${row.p90Ms.toFixed(2)} ms (${repeats} runs)`,
    );
  }
  console.log(
    JSON.stringify({ bench: 'accumulatorUpdate', floats, repeats, node: process.version, results }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
