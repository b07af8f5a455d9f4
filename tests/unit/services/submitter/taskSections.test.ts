import { runKeys, validateRunSpec } from '@seisless/core';
import { kindSections, taskName } from '../../../../services/submitter/src/taskSections';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');
const lsrtm = validateRunSpec(lsrtmSpec({ reduction: { chunkSize: 2048 } }));
const fwi = validateRunSpec(fwiSpec());

describe('taskName', () => {
  it('is the kind, with the trial index for trials', () => {
    expect(taskName({ runId: 'r', iteration: 1, kind: 'gradient', shots: [1] })).toBe('gradient');
    expect(
      taskName({ runId: 'r', iteration: 1, kind: 'objective', shots: [1], trial: { index: 2, step: 1 } }),
    ).toBe('objective-2');
  });
});

describe('kindSections', () => {
  it('model: writes the model and its smoothed background', () => {
    const sections = kindSections(lsrtm, { runId: 'r', iteration: 0, kind: 'model', shots: [] });
    expect(sections.model).toEqual({
      preset: 'layered',
      shape: [101, 51],
      spacing: [10, 10],
      smoothingM: 50,
    });
    expect(sections.outputs).toEqual({
      model: keys.input('model'),
      background: keys.input('background'),
      timings: 'runs/r/iterations/0/timings/model.json',
    });
  });

  it('model: does not write a background the spec brings itself', () => {
    const spec = validateRunSpec(lsrtmSpec({ background: { key: 'm/bg.npy' } }));
    const sections = kindSections(spec, { runId: 'r', iteration: 0, kind: 'model', shots: [] });
    expect(sections.outputs.background).toBeUndefined();
  });

  it('observe: models data in the true model', () => {
    const sections = kindSections(lsrtm, { runId: 'r', iteration: 0, kind: 'observe', shots: [0, 1] });
    expect(sections.inputs).toEqual({ velocity: keys.input('model') });
    expect(sections.outputs).toEqual({
      data: keys.shotDataTemplate,
      timings: keys.timingsTemplate(0, 'observe'),
    });
  });

  it('gradient (LS-RTM): background velocity, the previous image, reflections, reduction over the batch', () => {
    const sections = kindSections(lsrtm, { runId: 'r', iteration: 3, kind: 'gradient', shots: [4, 1] });
    expect(sections.inputs).toEqual({
      velocity: keys.input('background'),
      image: keys.model(2),
      data: keys.shotDataTemplate,
      backgroundData: keys.backgroundDataTemplate,
    });
    expect(sections.outputs).toEqual({
      gradient: keys.gradientTemplate(3),
      timings: keys.timingsTemplate(3, 'gradient'),
    });
    expect(sections.reduction).toEqual({ chunkSize: 2048, batchSize: 2 });
  });

  it('gradient (LS-RTM, first iteration): no image, so the job starts from zeros', () => {
    const sections = kindSections(lsrtm, { runId: 'r', iteration: 1, kind: 'gradient', shots: [4] });
    expect(sections.inputs).toEqual({
      velocity: keys.input('background'),
      data: keys.shotDataTemplate,
      backgroundData: keys.backgroundDataTemplate,
    });
  });

  it('gradient (FWI): the current velocity model', () => {
    expect(
      kindSections(fwi, { runId: 'r', iteration: 1, kind: 'gradient', shots: [0] }).inputs?.velocity,
    ).toBe(keys.input('background'));
    expect(
      kindSections(fwi, { runId: 'r', iteration: 4, kind: 'gradient', shots: [0] }).inputs?.velocity,
    ).toBe(keys.model(3));
  });

  it('objective (FWI): the trial along the direction, clipped to the bounds', () => {
    const plan = {
      runId: 'r',
      iteration: 2,
      kind: 'objective' as const,
      shots: [0, 3],
      trial: { index: 1, step: 0.25 },
    };
    const sections = kindSections(fwi, plan);
    expect(sections.trial).toEqual({ step: 0.25, direction: keys.direction(2), bounds: [1.4, 4] });
    expect(sections.inputs).toEqual({ velocity: keys.model(1), data: keys.shotDataTemplate });
    expect(sections.outputs).toEqual({
      scalar: keys.lineSearchScalarTemplate(2, 1),
      timings: keys.timingsTemplate(2, 'objective-1'),
    });
  });

  it('born-norm: background velocity and the direction', () => {
    const plan = {
      runId: 'r',
      iteration: 2,
      kind: 'born-norm' as const,
      shots: [0],
      trial: { index: 0, step: 0 },
    };
    const sections = kindSections(lsrtm, plan);
    expect(sections.inputs).toEqual({ velocity: keys.input('background'), direction: keys.direction(2) });
    expect(sections.outputs?.scalar).toBe(keys.lineSearchScalarTemplate(2, 0));
  });
});
