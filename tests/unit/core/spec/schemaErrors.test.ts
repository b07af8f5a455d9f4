import { type RunSpecInput, ValidationError, validateRunSpec } from '@seisless/core';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

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

/** The issue lines validateRunSpec refuses `input` with. */
function refusal(input: unknown): readonly string[] {
  try {
    validateRunSpec(input, 'spec.json');
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('the spec was accepted');
}

describe('run spec schema errors: path, value received, expected form', () => {
  it.each<[string, unknown, string]>([
    // The two cases of issue 15.
    ['no model', withPart(lsrtmSpec(), 'model', undefined), `model: missing; expected ${MODEL_FORMS}`],
    [
      'a shape written as text',
      withPart(lsrtmSpec(), 'model', { preset: 'layered', shape: '41x31', spacing: [10, 10] }),
      'model.shape: "41x31"; expected an array of 2 or 3 integers ≥ 8, e.g. [601, 301]',
    ],
    // model: preset branch, key branch, neither.
    [
      'an unknown preset',
      withPart(lsrtmSpec(), 'model', { preset: 'marmousi', shape: [41, 31], spacing: [10, 10] }),
      'model.preset: "marmousi"; expected one of "layered" | "camembert" | "bp-salt" | "layered-tti" | "overthrust"',
    ],
    [
      'a shape with too few grid points',
      withPart(lsrtmSpec(), 'model', { preset: 'layered', shape: [41, 4], spacing: [10, 10] }),
      'model.shape.1: 4; expected an integer ≥ 8 (grid points along this axis)',
    ],
    [
      'a 4D shape',
      withPart(lsrtmSpec(), 'model', { preset: 'layered', shape: [41, 31, 31, 31], spacing: [10, 10] }),
      'model.shape: [41,31,31,31]; expected an array of 2 or 3 integers ≥ 8, e.g. [601, 301]',
    ],
    [
      'a model key with a space',
      withPart(lsrtmSpec(), 'model', { key: 'my model.npy', shape: [41, 31], spacing: [10, 10] }),
      'model.key: "my model.npy"; expected an S3 key without spaces',
    ],
    [
      'a zero spacing beside a key',
      withPart(lsrtmSpec(), 'model', { key: 'm.npy', shape: [41, 31], spacing: [0, 10] }),
      'model.spacing.0: 0; expected a number > 0',
    ],
    [
      'both a preset and a key',
      withPart(lsrtmSpec(), 'model', { key: 'm.npy', preset: 'layered', shape: [41, 31], spacing: [10, 10] }),
      `model: {key, preset, shape, spacing}; expected ${MODEL_FORMS}`,
    ],
    [
      'a model that is text',
      withPart(lsrtmSpec(), 'model', 'layered'),
      `model: "layered"; expected ${MODEL_FORMS}`,
    ],
    // background: smoothing branch, key branch, neither.
    [
      'a negative smoothing length',
      withPart(lsrtmSpec(), 'background', { smoothingM: -1 }),
      'background.smoothingM: -1; expected a number > 0',
    ],
    [
      'a background key that is a number',
      withPart(lsrtmSpec(), 'background', { key: 7 }),
      'background.key: 7; expected an S3 key without spaces',
    ],
    [
      'an empty background',
      withPart(lsrtmSpec(), 'background', {}),
      'background: {}; expected one of {smoothingM} or {key}',
    ],
    // acquisition: the nested object, sources and receivers as a line or as positions.
    [
      'no acquisition',
      withPart(lsrtmSpec(), 'acquisition', undefined),
      'acquisition: missing; expected an object',
    ],
    [
      'a peak frequency with a unit',
      withPart(lsrtmSpec(), 'acquisition', { ...acquisition, peakFrequencyHz: '15Hz' }),
      'acquisition.peakFrequencyHz: "15Hz"; expected a number',
    ],
    [
      'a line of zero sources',
      withPart(lsrtmSpec(), 'acquisition', { ...acquisition, sources: { count: 0, depthM: 20 } }),
      'acquisition.sources.count: 0; expected a number > 0',
    ],
    [
      'a source position with one coordinate',
      withPart(lsrtmSpec(), 'acquisition', { ...acquisition, sources: { positions: [[100]] } }),
      'acquisition.sources.positions.0: [100]; expected an array of 2 or 3 coordinates in metres, e.g. [500, 20]',
    ],
    [
      'a receiver range with one end',
      withPart(lsrtmSpec(), 'acquisition', {
        ...acquisition,
        receivers: { count: 3, depthM: 20, xRangeM: [0] },
      }),
      'acquisition.receivers.xRangeM: [0]; expected [first, last] in metres, e.g. [0, 2000]',
    ],
    [
      'receivers given as positions and a count',
      withPart(lsrtmSpec(), 'acquisition', { ...acquisition, receivers: { count: 3, positions: [[0, 0]] } }),
      `acquisition.receivers.count: ${UNKNOWN}`,
    ],
    [
      'receivers that are a number',
      withPart(lsrtmSpec(), 'acquisition', { ...acquisition, receivers: 101 }),
      'acquisition.receivers: 101; expected one of {count, depthM, xRangeM?, yRangeM?} (a line, or with count [nx, ny] an areal grid) or {positions: [[x, z], …]}',
    ],
    // observed: synthetic branch, key template branch.
    [
      'synthetic: false',
      withPart(lsrtmSpec(), 'observed', { synthetic: false }),
      'observed.synthetic: false; expected true',
    ],
    [
      'a key template without {shot}',
      withPart(lsrtmSpec(), 'observed', { keyTemplate: 'shots/1.segy' }),
      'observed.keyTemplate: "shots/1.segy"; expected a key template containing \'{shot}\'',
    ],
    [
      'an empty observed',
      withPart(lsrtmSpec(), 'observed', {}),
      "observed: {}; expected one of {synthetic: true, modelling?: 'full' | 'born'} or {keyTemplate: '…{shot}…'}",
    ],
    // algorithm: the discriminator and each kind.
    [
      'an unknown algorithm',
      withPart(lsrtmSpec(), 'algorithm', { kind: 'fwl' }),
      'algorithm.kind: "fwl"; expected one of "rtm" | "lsrtm" | "fwi"',
    ],
    [
      'an algorithm without a kind',
      withPart(lsrtmSpec(), 'algorithm', { iterations: 3 }),
      'algorithm.kind: missing; expected one of "rtm" | "lsrtm" | "fwi"',
    ],
    [
      'RTM with iterations',
      withPart(lsrtmSpec(), 'algorithm', { kind: 'rtm', iterations: 3 }),
      `algorithm.iterations: ${UNKNOWN}`,
    ],
    [
      'LS-RTM thresholding at the largest coefficient',
      withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, sparsity: { quantile: 1 } }),
      'algorithm.sparsity.quantile: 1; expected a number < 1',
    ],
    [
      'FWI without bounds',
      withPart(fwiSpec(), 'algorithm', { ...fwi, bounds: undefined }),
      'algorithm.bounds: missing; expected an object',
    ],
    [
      'FWI bounds in words',
      withPart(fwiSpec(), 'algorithm', { ...fwi, bounds: { minKmS: 1.5, maxKmS: 'fast' } }),
      'algorithm.bounds.maxKmS: "fast"; expected a number',
    ],
    // algorithm.step: the discriminator and each rule.
    [
      'an unknown step rule',
      withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'newton' } }),
      `algorithm.step.rule: "newton"; expected ${RULES}`,
    ],
    [
      'a step without a rule',
      withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { value: 1 } }),
      `algorithm.step.rule: missing; expected ${RULES}`,
    ],
    [
      'a negative fixed step',
      withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'fixed', value: -1 } }),
      'algorithm.step.value: -1; expected a number > 0',
    ],
    [
      'Barzilai-Borwein without an initial step',
      withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'barzilai-borwein' } }),
      'algorithm.step.initial: missing; expected a number',
    ],
    [
      'an exact step with a value',
      withPart(lsrtmSpec(), 'algorithm', { ...lsrtm, step: { rule: 'exact', value: 1 } }),
      `algorithm.step.value: ${UNKNOWN}`,
    ],
    [
      'an Armijo shrink of 1',
      withPart(fwiSpec(), 'algorithm', { ...fwi, step: { rule: 'armijo', initial: 1, shrink: 1 } }),
      'algorithm.step.shrink: 1; expected a number < 1',
    ],
    // compute, reduction, top-level fields.
    [
      'an odd space order',
      withPart(lsrtmSpec(), 'compute', { spaceOrder: 3 }),
      'compute.spaceOrder: 3; expected a multiple of 2',
    ],
    [
      'a fractional memory size',
      withPart(lsrtmSpec(), 'compute', { memoryMiB: 1.5 }),
      'compute.memoryMiB: 1.5; expected an integer',
    ],
    [
      'a tiny reduction chunk',
      withPart(lsrtmSpec(), 'reduction', { chunkSize: 10 }),
      'reduction.chunkSize: 10; expected a number ≥ 1024',
    ],
    [
      'a run id with capitals and a space',
      withPart(lsrtmSpec(), 'runId', 'My Run'),
      'runId: "My Run"; expected lower-case letters, digits and dashes, at most 40 characters',
    ],
    ['an unknown top-level field', withPart(lsrtmSpec(), 'iterations', 3), `iterations: ${UNKNOWN}`],
    ['a spec that is text', 'spec', '(root): "spec"; expected an object'],
  ])('%s', (_case, input, line) => {
    expect(refusal(input)).toEqual([line]);
  });

  it('puts the file and every line in the one-line message', () => {
    const input = withPart(lsrtmSpec(), 'model', { preset: 'layered', shape: '41x31', spacing: [10, 10] });
    expect(() => validateRunSpec(input, 'spec.json')).toThrow(
      'spec.json is invalid: model.shape: "41x31"; expected an array of 2 or 3 integers ≥ 8, e.g. [601, 301]',
    );
    const two = refusal(withPart(lsrtmSpec(), 'compute', { spaceOrder: 3, memoryMiB: 1.5 }));
    expect(two).toEqual([
      'compute.memoryMiB: 1.5; expected an integer',
      'compute.spaceOrder: 3; expected a multiple of 2',
    ]);
  });
});
