import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNpyHeader, fileObjectBytes, type RunState, runKeys, ValidationError } from '@seisless/core';
import { startFromS3Record } from '../../../../services/iterator/src/startFromS3';
import { startRun } from '../../../../services/iterator/src/startRun';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const now = () => new Date('2026-01-01T00:00:00Z');
const outsideTheGrid = lsrtmSpec({
  acquisition: { ...lsrtmSpec().acquisition, sources: { count: 6, depthM: 20, xRangeM: [0, 1500] } },
});

describe('startRun checks a new spec before writing anything', () => {
  it('refuses a shot outside the grid with the one line, leaving the bucket empty', async () => {
    const store = memoryObjectStore();

    const started = startRun({ runId: 'r1', spec: outsideTheGrid }, { store, pollSeconds: 1, now });

    await expect(started).rejects.toThrow(ValidationError);
    await expect(started).rejects.toThrow(
      'spec cannot run: acquisition.sources.xRangeM.1: shot 5 at x 1500 m is outside the grid; expected x within 0–1000 m (x 0–1000 m, z 0–500 m)',
    );
    expect(store.objects.size).toBe(0);
  });

  it('reads the model object a spec names through `objects`, refusing one of the wrong shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seisless-startrun-'));
    writeFileSync(join(dir, 'vp.npy'), Buffer.concat([buildNpyHeader([41, 31]), Buffer.alloc(41 * 31 * 4)]));
    const objects = {
      ...fileObjectBytes((key) => join(dir, key)),
      describe: (key: string) => `s3://b/${key}`,
    };
    const spec = lsrtmSpec({ model: { key: 'vp.npy', shape: [101, 51], spacing: [10, 10] } });
    const store = memoryObjectStore();

    const started = startRun({ runId: 'r2', spec }, { store, pollSeconds: 1, now, objects });

    await expect(started).rejects.toThrow(
      'spec cannot run: model.key: s3://b/vp.npy: shape [41,31]; expected [101,51] (model.shape)',
    );
    expect(store.objects.size).toBe(0);
  });
});

describe('startFromS3Record checks the spec dropped in the bucket', () => {
  it('starts nothing and records the refusal in the run state, for status to show', async () => {
    const store = memoryObjectStore();
    await store.putJson(
      runKeys('s3run').spec,
      lsrtmSpec({ acquisition: { ...lsrtmSpec().acquisition, peakFrequencyHz: 250 } }),
    );
    const executions: string[] = [];

    const outcome = await startFromS3Record(runKeys('s3run').spec, {
      store,
      now,
      startExecution: async (name) => {
        executions.push(name);
        return 'arn';
      },
    });

    expect(executions).toEqual([]);
    expect(outcome.error).toMatch(
      /^runs\/s3run\/spec\.json cannot run: acquisition\.peakFrequencyHz: 250 Hz gives 0\.24 grid points/,
    );
    const state = await store.getJson<{ status: string; error: { Error: string; Cause: string } }>(
      runKeys('s3run').state,
    );
    expect(state.status).toBe('FAILED');
    expect(state.error).toEqual({ Error: 'ValidationError', Cause: outcome.error });
  });
});

describe("the pre-submission checks' warnings reach the run state", () => {
  // 20 Hz on a 10 m grid: about 3 points per shortest wavelength, above space order 8's floor
  // (2.7) and below its recommended 3.5, so the run goes on with a dispersion warning.
  const dispersive = lsrtmSpec({ acquisition: { ...lsrtmSpec().acquisition, peakFrequencyHz: 20 } });
  const dispersion =
    /^spec: acquisition\.peakFrequencyHz: 20 Hz gives 3\.00 grid points per shortest wavelength .*recommended 3\.5/;

  it('startRun records a new spec’s warnings in the state it writes, and logs each', async () => {
    const store = memoryObjectStore();
    const logged: string[] = [];

    await startRun(
      { runId: 'warned', spec: dispersive },
      { store, pollSeconds: 1, now, warn: (w) => logged.push(w) },
    );

    const state = await store.getJson<RunState>(runKeys('warned').state);
    expect(state.warnings).toHaveLength(1);
    expect(state.warnings[0]).toMatch(dispersion);
    expect(logged).toEqual([state.warnings[0]?.slice('spec: '.length)]);
  });

  it('the S3-started path returns them when it starts the run, and its StartRun records them', async () => {
    const store = memoryObjectStore();
    await store.putJson(runKeys('dropped').spec, dispersive);

    const outcome = await startFromS3Record(runKeys('dropped').spec, {
      store,
      now,
      startExecution: async () => 'arn',
    });
    await startRun({ runId: 'dropped', spec: null, resume: false }, { store, pollSeconds: 1, now });

    expect(outcome.executionArn).toBe('arn');
    expect(outcome.warnings).toHaveLength(1);
    const state = await store.getJson<RunState>(runKeys('dropped').state);
    expect(state.warnings).toEqual(outcome.warnings?.map((w) => `spec: ${w}`));
    expect(state.warnings[0]).toMatch(dispersion);
  });

  it('a resume keeps the warnings the run already has', async () => {
    const store = memoryObjectStore();
    await startRun({ runId: 'again', spec: dispersive }, { store, pollSeconds: 1, now });
    const before = await store.getJson<RunState>(runKeys('again').state);
    await store.putJson(runKeys('again').state, { ...before, status: 'FAILED' });

    await startRun({ runId: 'again', spec: null, resume: true }, { store, pollSeconds: 1, now });

    expect((await store.getJson<RunState>(runKeys('again').state)).warnings).toEqual(before.warnings);
  });
});
