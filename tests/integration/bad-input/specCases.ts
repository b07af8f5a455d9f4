import type { RunSpecInput } from '@seisless/core';
import { fwiSpec, lsrtmSpec } from '../../support/runSpecs';
import type { BadInputCase } from './harness';

const MODEL_FORMS =
  'one of {preset: "layered" | "camembert" | "bp-salt" | "layered-tti" | "overthrust", shape, spacing} or {key, shape, spacing, anisotropy?}';
const RULES = 'one of "fixed" | "barzilai-borwein" | "exact" | "armijo"';
const UNKNOWN = 'unknown field; remove it or check its spelling';

const acquisition = lsrtmSpec().acquisition;
const lsrtm = { kind: 'lsrtm', iterations: 3, batchSize: 4, step: { rule: 'fixed', value: 1 } } as const;
const fwi = {
  kind: 'fwi',
  iterations: 10,
  batchSize: 4,
  step: { rule: 'armijo', initial: 1 },
  bounds: { minKmS: 1.4, maxKmS: 4 },
} as const;

/** A spec with one part replaced by a value of any (possibly wrong) type. */
function withPart(base: RunSpecInput, part: string, value: unknown): unknown {
  return { ...base, [part]: value };
}

/** `seisless run spec.json` on `spec`: refused with exit 1 and the schema's line for it. */
function specCase(name: string, spec: unknown, issue: string): BadInputCase {
  return {
    name: `spec: ${name}`,
    program: 'seisless',
    args: ['run', 'spec.json'],
    files: { 'spec.json': JSON.stringify(spec) },
    exitCode: 1,
    line: `seisless: error: spec.json is invalid: ${issue}`,
  };
}

/**
 * One case per branch of every union and nested object of the run-spec schema (the same
 * branches as tests/unit/core/spec/schemaErrors.test.ts, here through the real CLI).
 */
export const specCases: readonly BadInputCase[] = [
  specCase('no model', withPart(lsrtmSpec(), 'model', undefined), `model: missing; expected ${MODEL_FORMS}`),
  specCase(
    'a shape written as text',
    withPart(lsrtmSpec(), 'model', { preset: 'layered', shape: '41x31', spacing: [10, 10] }),
    'model.shape: "41x31"; expected an array of 2 or 3 integers ≥ 8, e.g. [601, 301]',
  ),
  specCase(
    'an unknown preset',
    withPart(lsrtmSpec(), 'model', { preset: 'marmousi', shape: [41, 31], spacing: [10, 10] }),
    'model.preset: "marmousi"; expected one of "layered" | "camembert" | "bp-salt" | "layered-tti" | "overthrust"',
  ),
  specCase(
    'a shape with too few grid points',
    withPart(lsrtmSpec(), 'model', { preset: 'layered', shape: [41, 4], spacing: [10, 10] }),
    'model.shape.1: 4; expected an integer ≥ 8 (grid points along this axis)',
  ),
  specCase(
    'a model key with a space',
    withPart(lsrtmSpec(), 'model', { key: 'my model.npy', shape: [41, 31], spacing: [10, 10] }),
    'model.key: "my model.npy"; expected an S3 key without spaces',
  ),
  specCase(
    'a zero spacing beside a key',
    withPart(lsrtmSpec(), 'model', { key: 'm.npy', shape: [41, 31], spacing: [0, 10] }),
    'model.spacing.0: 0; expected a number > 0',
  ),
  specCase(
    'both a preset and a key',
    withPart(lsrtmSpec(), 'model', { key: 'm.npy', preset: 'layered', shape: [41, 31], spacing: [10, 10] }),
    `model: {key, preset, shape, spacing}; expected ${MODEL_FORMS}`,
  ),
  specCase(
    'a model that is text',
    withPart(lsrtmSpec(), 'model', 'layered'),
    `model: "layered"; expected ${MODEL_FORMS}`,
  ),
  specCase(
    'a negative smoothing length',
    withPart(lsrtmSpec(), 'background', { smoothingM: -1 }),
    'background.smoothingM: -1; expected a number > 0',
  ),
  specCase(
    'a background key that is a number',
    withPart(lsrtmSpec(), 'background', { key: 7 }),
    'background.key: 7; expected an S3 key without spaces',
  ),
  specCase(
    'an empty background',
    withPart(lsrtmSpec(), 'background', {}),
    'background: {}; expected one of {smoothingM} or {key}',
  ),
  specCase(
    'no acquisition',
    withPart(lsrtmSpec(), 'acquisition', undefined),
    'acquisition: missing; expected an object',
  ),
  specCase(
    'a peak frequency with a unit',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, peakFrequencyHz: '15Hz' }),
    'acquisition.peakFrequencyHz: "15Hz"; expected a number',
  ),
  specCase(
    'a line of zero sources',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, sources: { count: 0, depthM: 20 } }),
    'acquisition.sources.count: 0; expected a number > 0',
  ),
  specCase(
    'a source position with one coordinate',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, sources: { positions: [[100]] } }),
    'acquisition.sources.positions.0: [100]; expected an array of 2 or 3 coordinates in metres, e.g. [500, 20]',
  ),
  specCase(
    'a receiver range with one end',
    withPart(lsrtmSpec(), 'acquisition', {
      ...acquisition,
      receivers: { count: 3, depthM: 20, xRangeM: [0] },
    }),
    'acquisition.receivers.xRangeM: [0]; expected [first, last] in metres, e.g. [0, 2000]',
  ),
  specCase(
    'receivers given as positions and a count',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, receivers: { count: 3, positions: [[0, 0]] } }),
    `acquisition.receivers.count: ${UNKNOWN}`,
  ),
  specCase(
    'receivers that are a number',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, receivers: 101 }),
    'acquisition.receivers: 101; expected one of {count, depthM, xRangeM?, yRangeM?} (a line, or with count [nx, ny] an areal grid) or {positions: [[x, z], …]}',
  ),
  specCase(
    'synthetic: false',
    withPart(lsrtmSpec(), 'observed', { synthetic: false }),
    'observed.synthetic: false; expected true',
  ),
  specCase(
    'a key template without {shot}',
    withPart(lsrtmSpec(), 'observed', { keyTemplate: 'shots/1.segy' }),
    'observed.keyTemplate: "shots/1.segy"; expected a key template containing \'{shot}\'',
  ),
  specCase(
    'an empty observed',
    withPart(lsrtmSpec(), 'observed', {}),
    "observed: {}; expected one of {synthetic: true, modelling?: 'full' | 'born'} or {keyTemplate: '…{shot}…'}",
  ),
  specCase(
    'an unknown way of modelling synthetic data',
    withPart(lsrtmSpec(), 'observed', { synthetic: true, modelling: 'linear' }),
    'observed.modelling: "linear"; expected one of "full" | "born"',
  ),
  specCase(
    'a negative aperture',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, apertureM: -5 }),
    'acquisition.apertureM: -5; expected a number ≥ 0',
  ),
  specCase(
    'receivers following the source, in words',
    withPart(lsrtmSpec(), 'acquisition', { ...acquisition, receiversFollowSource: 'yes' }),
    'acquisition.receiversFollowSource: "yes"; expected a boolean',
  ),
  // data: what the imaging fits and its preprocessing.
  specCase(
    'migrating an unknown part of the data',
    withPart(lsrtmSpec(), 'data', { migrate: 'some' }),
    'data.migrate: "some"; expected one of "reflections" | "full"',
  ),
  specCase(
    'a time window that ends before it starts',
    withPart(lsrtmSpec(), 'data', { timeWindowMs: [500, 100] }),
    'data.timeWindowMs: [500,100]; expected [t0, t1] with t0 < t1',
  ),
  specCase(
    'a band-pass in words and without its top',
    withPart(lsrtmSpec(), 'data', { bandpass: { lowHz: 'x' } }),
    'data.bandpass.lowHz: "x"; expected a number; data.bandpass.highHz: missing; expected a number',
  ),
  specCase(
    'a top mute that is a number',
    withPart(lsrtmSpec(), 'data', { topMute: 5 }),
    'data.topMute: 5; expected an object',
  ),
  // preconditioning: the water mute's two forms and the nested scalings.
  specCase(
    'an empty water mute',
    withPart(lsrtmSpec(), 'preconditioning', { waterMute: {} }),
    'preconditioning.waterMute: {}; expected one of {depthM} or {fromModel: {velocityBelowMS}}',
  ),
  specCase(
    'a depth scaling power of 9',
    withPart(lsrtmSpec(), 'preconditioning', { depthScaling: { power: 9 } }),
    'preconditioning.depthScaling.power: 9; expected a number ≤ 4',
  ),
  specCase(
    'an illumination epsilon of 0',
    withPart(lsrtmSpec(), 'preconditioning', { illumination: { epsilon: 0 } }),
    'preconditioning.illumination.epsilon: 0; expected a number > 0',
  ),
  specCase(
    'an unknown wavefield subsampling',
    withPart(lsrtmSpec(), 'compute', { wavefieldSubsampling: 'often' }),
    'compute.wavefieldSubsampling: "often"; expected an integer ≥ 1 or \'auto\'',
  ),
  specCase(
    'wavefield subsampling with checkpointing',
    withPart(lsrtmSpec(), 'compute', { checkpointing: true, wavefieldSubsampling: 4 }),
    'compute.wavefieldSubsampling: 4; expected 1 with checkpointing (Revolve recomputes the forward wavefield; nothing is stored to subsample)',
  ),
  specCase(
    'an unknown algorithm',
    withPart(lsrtmSpec(), 'algorithm', { kind: 'fwl' }),
    'algorithm.kind: "fwl"; expected one of "rtm" | "lsrtm" | "fwi"',
  ),
  specCase(
    'an algorithm without a kind',
    withPart(lsrtmSpec(), 'algorithm', { iterations: 3 }),
    'algorithm.kind: missing; expected one of "rtm" | "lsrtm" | "fwi"',
  ),
  specCase(
    'RTM with iterations',
    withPart(lsrtmSpec(), 'algorithm', { kind: 'rtm', iterations: 3 }),
    `algorithm.iterations: ${UNKNOWN}`,
  ),
  specCase(
    'LS-RTM thresholding at the largest coefficient',
    withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, sparsity: { quantile: 1 } }),
    'algorithm.sparsity.quantile: 1; expected a number < 1',
  ),
  specCase(
    'FWI without bounds',
    withPart(fwiSpec(), 'algorithm', { ...fwi, bounds: undefined }),
    'algorithm.bounds: missing; expected an object',
  ),
  specCase(
    'FWI bounds in words',
    withPart(fwiSpec(), 'algorithm', { ...fwi, bounds: { minKmS: 1.5, maxKmS: 'fast' } }),
    'algorithm.bounds.maxKmS: "fast"; expected a number',
  ),
  specCase(
    'an unknown step rule',
    withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'newton' } }),
    `algorithm.step.rule: "newton"; expected ${RULES}`,
  ),
  specCase(
    'a step without a rule',
    withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { value: 1 } }),
    `algorithm.step.rule: missing; expected ${RULES}`,
  ),
  specCase(
    'a negative fixed step',
    withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'fixed', value: -1 } }),
    'algorithm.step.value: -1; expected a number > 0',
  ),
  specCase(
    'Barzilai-Borwein without an initial step',
    withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'barzilai-borwein' } }),
    'algorithm.step.initial: missing; expected a number',
  ),
  specCase(
    'an exact step with a value',
    withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'exact', value: 1 } }),
    `algorithm.step.value: ${UNKNOWN}`,
  ),
  specCase(
    'an Armijo shrink of 1',
    withPart(fwiSpec(), 'algorithm', { ...fwi, step: { rule: 'armijo', initial: 1, shrink: 1 } }),
    'algorithm.step.shrink: 1; expected a number < 1',
  ),
  specCase(
    'an odd space order',
    withPart(lsrtmSpec(), 'compute', { spaceOrder: 3 }),
    'compute.spaceOrder: 3; expected a multiple of 2',
  ),
  specCase(
    'a fractional memory size',
    withPart(lsrtmSpec(), 'compute', { memoryMiB: 1.5 }),
    'compute.memoryMiB: 1.5; expected an integer',
  ),
  specCase(
    'a tiny reduction chunk',
    withPart(lsrtmSpec(), 'reduction', { chunkSize: 10 }),
    'reduction.chunkSize: 10; expected a number ≥ 1024',
  ),
  specCase(
    'a run id with capitals and a space',
    withPart(lsrtmSpec(), 'runId', 'My Run'),
    'runId: "My Run"; expected lower-case letters, digits and dashes, at most 40 characters',
  ),
  specCase('an unknown top-level field', withPart(lsrtmSpec(), 'iterations', 3), `iterations: ${UNKNOWN}`),
  specCase('a spec that is text', 'spec', '(root): "spec"; expected an object'),
];
