import { validateRunSpec } from '@seisless/core';
import { buildTaskFile } from '../../../../services/submitter/src/taskFile';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const plan = (kind: 'observe' | 'gradient' | 'objective' | 'born-norm') => ({
  runId: 'r',
  iteration: 1,
  kind,
  shots: [0],
  ...(kind === 'objective' || kind === 'born-norm' ? { trial: { index: 0, step: 0.5 } } : {}),
});

describe('buildTaskFile: reflection data and preprocessing', () => {
  it('gives RTM/LS-RTM jobs the background record by default (reflections)', () => {
    const spec = validateRunSpec(lsrtmSpec());
    expect(spec.data.migrate).toBe('reflections');
    for (const kind of ['gradient', 'objective'] as const) {
      expect(buildTaskFile(spec, plan(kind)).inputs?.backgroundData).toBe(
        'runs/r/background-data/shot-{shot}.npy',
      );
    }
    expect('preprocessing' in buildTaskFile(spec, plan('gradient'))).toBe(false);
  });

  it('migrates the full record when asked, and FWI always fits it', () => {
    const full = validateRunSpec({ ...lsrtmSpec(), data: { migrate: 'full' } });
    expect(buildTaskFile(full, plan('gradient')).inputs?.backgroundData).toBeUndefined();
    expect(
      buildTaskFile(validateRunSpec(fwiSpec()), plan('gradient')).inputs?.backgroundData,
    ).toBeUndefined();
  });

  it('lets the observe job model Born records, which need no background record', () => {
    const spec = validateRunSpec({ ...lsrtmSpec(), observed: { synthetic: true, modelling: 'born' } });
    const observe = buildTaskFile(spec, plan('observe'));
    expect(observe.observed).toEqual({ modelling: 'born' });
    expect(observe.inputs?.background).toBe('runs/r/inputs/background.npy');
    expect(buildTaskFile(spec, plan('gradient')).inputs?.backgroundData).toBeUndefined();
    expect('observed' in buildTaskFile(validateRunSpec(lsrtmSpec()), plan('observe'))).toBe(false);
  });

  it('gives the gradient, objective and born-norm jobs the same preprocessing, with defaults', () => {
    const spec = validateRunSpec({
      ...lsrtmSpec(),
      data: { topMute: { velocityMS: 1500 }, bandpass: { lowHz: 3, highHz: 30 }, timeWindowMs: [0, 900] },
    });
    const expected = {
      topMute: { velocityMS: 1500, shiftMs: 0, taperMs: 20 },
      bandpass: { lowHz: 3, highHz: 30, taperHz: 2 },
      timeWindowMs: [0, 900],
    };
    for (const kind of ['gradient', 'objective', 'born-norm'] as const) {
      expect(buildTaskFile(spec, plan(kind)).preprocessing).toEqual(expected);
    }
  });

  it('refuses a band whose high corner is not above its low one, naming the field', () => {
    expect(() => validateRunSpec({ ...lsrtmSpec(), data: { bandpass: { lowHz: 30, highHz: 3 } } })).toThrow(
      /data\.bandpass\.highHz/,
    );
  });
});
