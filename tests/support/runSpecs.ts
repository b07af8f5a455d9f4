import type { RunSpecInput } from '@seisless/core';

/** A small, valid LS-RTM spec; override any part per test. */
export function lsrtmSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return {
    model: { preset: 'layered', shape: [101, 51], spacing: [10, 10] },
    background: { smoothingM: 50 },
    acquisition: {
      sources: { count: 6, depthM: 20 },
      receivers: { count: 101, depthM: 20 },
      recordingTimeMs: 800,
      peakFrequencyHz: 15,
    },
    algorithm: { kind: 'lsrtm', iterations: 3, batchSize: 4, step: { rule: 'fixed', value: 1 } },
    ...overrides,
  };
}

/** A small, valid FWI spec. */
export function fwiSpec(overrides: Partial<RunSpecInput> = {}): RunSpecInput {
  return lsrtmSpec({
    model: { preset: 'camembert', shape: [61, 61], spacing: [10, 10] },
    algorithm: {
      kind: 'fwi',
      iterations: 10,
      batchSize: 4,
      step: { rule: 'armijo', initial: 1 },
      bounds: { minKmS: 1.4, maxKmS: 4 },
    },
    ...overrides,
  });
}
