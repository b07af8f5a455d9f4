import { encodeFloat32Npy, type RunSpecInput } from '@seisless/core';
import { lsrtmSpec } from '../../support/runSpecs';
import type { BadInputCase } from './harness';

/** `seisless run` prints each job kind's memory estimate before its answer (scripts/cli/preflightRun.ts). */
const MEMORY_ESTIMATE = /^seisless: memory per job \(estimate; compute\.memoryMiB \d+\): /;
/**
 * Where the local cloud's S3 keeps an object of its bucket, in the data folder (read by the checks
 * without starting it).
 */
const localObject = (key: string) => `s3/seisless-local-data/${key}._S3rver_object`;
const MODEL_KEY = 'models/velocity.npy';

const acquisition = lsrtmSpec().acquisition;
const keyed = lsrtmSpec({ model: { key: MODEL_KEY, shape: [101, 51], spacing: [10, 10] } });

/** A .npy velocity model of `shape`, every value `value` (km/s). */
function velocity(shape: readonly number[], value: number): Uint8Array {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value);
  return encodeFloat32Npy({ shape, data });
}

/** `seisless run spec.json` refused by the checks before submission: exit 1, `cannot run: …`. */
function preflightCase(
  name: string,
  spec: RunSpecInput,
  answer: RegExp,
  objects: Record<string, Uint8Array> = {},
): BadInputCase {
  const dataFiles: Record<string, unknown> = {};
  for (const [key, bytes] of Object.entries(objects)) dataFiles[localObject(key)] = bytes;
  return {
    name: `before submission: ${name}`,
    program: 'seisless',
    args: ['run', 'spec.json'],
    files: { 'spec.json': JSON.stringify(spec) },
    ...(Object.keys(dataFiles).length > 0 ? { dataFiles } : {}),
    exitCode: 1,
    line: new RegExp(`^seisless: error: spec\\.json cannot run: ${answer.source}`),
    progressLines: [MEMORY_ESTIMATE, /^seisless: warning: /],
  };
}

/** Specs the schema accepts but the run could not: refused before anything starts or is written. */
export const preflightCases: readonly BadInputCase[] = [
  preflightCase(
    'a receiver outside the grid',
    lsrtmSpec({
      acquisition: {
        ...acquisition,
        receivers: {
          positions: [
            [0, 20],
            [5000, 20],
          ],
        },
      },
    }),
    /acquisition\.receivers\.positions\.1: receiver 1 at \[5000,20\] m is outside the grid; expected x 0–1000 m, z 0–500 m$/,
  ),
  preflightCase(
    'a source below the grid',
    lsrtmSpec({
      acquisition: {
        ...acquisition,
        sources: {
          positions: [
            [500, 900],
            [200, 20],
            [400, 20],
            [600, 20],
          ],
        },
      },
    }),
    /acquisition\.sources\.positions\.0: shot 0 at \[500,900\] m is outside the grid; expected x 0–1000 m, z 0–500 m$/,
  ),
  preflightCase(
    'a 1e9 × 1e9 model',
    lsrtmSpec({ model: { preset: 'layered', shape: [1e9, 1e9], spacing: [10, 10] } }),
    /model\.shape: \[1000000000,1000000000\] is 1\.00e\+18 grid points; expected at most .*/,
  ),
  preflightCase(
    'too few points per wavelength',
    lsrtmSpec({ acquisition: { ...acquisition, peakFrequencyHz: 250 } }),
    /acquisition\.peakFrequencyHz: 250 Hz gives 0\.24 grid points per shortest wavelength .*; expected at least .*/,
  ),
  preflightCase(
    'a sampling interval longer than the recording',
    lsrtmSpec({ acquisition: { ...acquisition, samplingMs: 1000 } }),
    /acquisition\.samplingMs: 1000 ms; expected less than acquisition\.recordingTimeMs \(800 ms\), so that a trace has at least two samples; .*/,
  ),
  preflightCase(
    'a recording time of 1e9 ms',
    lsrtmSpec({ acquisition: { ...acquisition, recordingTimeMs: 1e9 } }),
    /acquisition\.recordingTimeMs: 1000000000 ms is about 7\.89e\+8 time steps on this grid; expected at most 1e\+7 \(a typo\?\).*/,
  ),
  preflightCase(
    'geometry from the data of synthetic data',
    lsrtmSpec({ acquisition: { ...acquisition, geometryFromData: true } }),
    /acquisition\.geometryFromData: true with synthetic observed data; expected observed\.keyTemplate naming records .*/,
  ),
  preflightCase(
    'less memory than a job needs',
    lsrtmSpec({ compute: { memoryMiB: 128 } }),
    /compute\.memoryMiB: 128; expected at least \d+, the estimated peak of a gradient job .*/,
  ),
  preflightCase(
    'a model object that does not exist',
    keyed,
    /model\.key: s3:\/\/seisless-local-data\/models\/velocity\.npy \(local cloud\): no such object; expected .*/,
  ),
  preflightCase(
    'a model object of the wrong shape',
    keyed,
    /model\.key: s3:\/\/seisless-local-data\/models\/velocity\.npy \(local cloud\): shape \[50,41\]; expected \[101,51\] \(model\.shape\)$/,
    {
      [MODEL_KEY]: velocity([50, 41], 2),
    },
  ),
  preflightCase(
    'a model in m/s',
    keyed,
    /model\.key: .*velocity\.npy \(local cloud\): velocities from 2000 to 2000 km\/s .*; expected km\/s between 0\.1 and 20 .*/,
    {
      [MODEL_KEY]: velocity([101, 51], 2000),
    },
  ),
  preflightCase(
    'a model with NaN velocities',
    keyed,
    /model\.key: .*velocity\.npy \(local cloud\): 5151 NaN or infinite values .*; expected finite velocities.*/,
    {
      [MODEL_KEY]: velocity([101, 51], Number.NaN),
    },
  ),
  preflightCase(
    'a truncated SEG-Y model',
    lsrtmSpec({ model: { key: 'models/velocity.segy', shape: [101, 51], spacing: [10, 10] } }),
    /model\.key: s3:\/\/seisless-local-data\/models\/velocity\.segy \(local cloud\): 3000 bytes; expected a SEG-Y file \(3600 bytes of headers and at least one trace\)$/,
    { 'models/velocity.segy': new Uint8Array(3000) },
  ),
  preflightCase(
    'a background object that does not exist',
    lsrtmSpec({ background: { key: 'models/background.npy' } }),
    /background\.key: s3:\/\/seisless-local-data\/models\/background\.npy \(local cloud\): no such object; expected a \.npy or SEG-Y velocity model there$/,
  ),
  preflightCase(
    'a model object that is not .npy',
    keyed,
    /model\.key: .*velocity\.npy \(local cloud\): not a \.npy file \(magic bytes missing\); expected a NumPy \.npy array$/,
    {
      [MODEL_KEY]: new TextEncoder().encode('velocity'),
    },
  ),
];
