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

describe('kindSections with TTI physics', () => {
  const tti2d = { preset: 'layered-tti' as const, shape: [101, 51], spacing: [10, 10] };
  const ttiLsrtm = validateRunSpec(lsrtmSpec({ physics: 'tti', model: tti2d }));
  const ttiFwi = validateRunSpec(fwiSpec({ physics: 'tti', model: tti2d }));
  const sharp = { epsilon: keys.input('epsilon'), delta: keys.input('delta'), theta: keys.input('theta') };
  const smooth = {
    epsilon: keys.input('background-epsilon'),
    delta: keys.input('background-delta'),
    theta: keys.input('background-theta'),
  };

  it('model: writes the true parameters and, beside the background velocity, their smoothed versions', () => {
    const sections = kindSections(ttiLsrtm, { runId: 'r', iteration: 0, kind: 'model', shots: [] });
    expect(sections.outputs).toMatchObject({
      ...sharp,
      backgroundEpsilon: smooth.epsilon,
      backgroundDelta: smooth.delta,
      backgroundTheta: smooth.theta,
    });
    expect(sections.outputs.backgroundPhi).toBeUndefined();
  });

  it('3D: phi comes along, true and smoothed', () => {
    const spec = validateRunSpec(
      lsrtmSpec({
        physics: 'tti',
        model: { preset: 'layered-tti', shape: [31, 31, 21], spacing: [10, 10, 10] },
      }),
    );
    const model = kindSections(spec, { runId: 'r', iteration: 0, kind: 'model', shots: [] });
    expect(model.outputs).toMatchObject({
      phi: keys.input('phi'),
      backgroundPhi: keys.input('background-phi'),
    });
    const gradient = kindSections(spec, { runId: 'r', iteration: 1, kind: 'gradient', shots: [0] });
    expect(gradient.inputs?.phi).toBe(keys.input('background-phi'));
  });

  it('observe: full modelling in the true parameters', () => {
    const sections = kindSections(ttiLsrtm, { runId: 'r', iteration: 0, kind: 'observe', shots: [0] });
    expect(sections.inputs).toEqual({ velocity: keys.input('model'), ...sharp });
  });

  it('gradient and born-norm: the smoothed parameters with the smooth background velocity', () => {
    const gradient = kindSections(ttiLsrtm, { runId: 'r', iteration: 1, kind: 'gradient', shots: [0] });
    expect(gradient.inputs).toMatchObject({ velocity: keys.input('background'), ...smooth });
    const bornNorm = kindSections(ttiLsrtm, {
      runId: 'r',
      iteration: 2,
      kind: 'born-norm',
      shots: [0],
      trial: { index: 0, step: 0 },
    });
    expect(bornNorm.inputs).toEqual({
      velocity: keys.input('background'),
      direction: keys.direction(2),
      ...smooth,
    });
  });

  it('FWI: every job gets the smoothed parameters with its velocity (it inverts vp alone)', () => {
    const gradient = kindSections(ttiFwi, { runId: 'r', iteration: 1, kind: 'gradient', shots: [0] });
    expect(gradient.inputs).toMatchObject({ velocity: keys.input('background'), ...smooth });
    const objective = kindSections(ttiFwi, {
      runId: 'r',
      iteration: 2,
      kind: 'objective',
      shots: [0],
      trial: { index: 0, step: 1 },
    });
    expect(objective.inputs).toMatchObject({ velocity: keys.model(1), ...smooth });
  });

  it("a background the spec brings itself goes with the user's own parameters, none smoothed", () => {
    const spec = validateRunSpec(
      lsrtmSpec({ physics: 'tti', model: tti2d, background: { key: 'm/bg.npy' } }),
    );
    const model = kindSections(spec, { runId: 'r', iteration: 0, kind: 'model', shots: [] });
    expect(model.outputs.backgroundEpsilon).toBeUndefined();
    const gradient = kindSections(spec, { runId: 'r', iteration: 1, kind: 'gradient', shots: [0] });
    expect(gradient.inputs).toMatchObject({ velocity: 'm/bg.npy', ...sharp });
  });
});
