import { computeTasks, parseContract, taskFileSchema, validateRunSpec } from '@seisless/core';
import { buildTaskFile } from '../../../../services/submitter/src/taskFile';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

describe('buildTaskFile', () => {
  it('writes the contract sections: grid, explicit acquisition, physics, then the kind', () => {
    const spec = validateRunSpec(
      lsrtmSpec({ compute: { spaceOrder: 4, nbl: 20, imagingCondition: 'isic', checkpointing: true } }),
    );
    const task = buildTaskFile(spec, { runId: 'r', iteration: 2, kind: 'gradient', shots: [4, 1] });
    expect(task).toMatchObject({
      version: 1,
      runId: 'r',
      iteration: 2,
      task: 'gradient',
      algorithm: 'lsrtm',
      shots: [4, 1],
      grid: { shape: [101, 51], spacing: [10, 10], origin: [0, 0] },
      physics: { spaceOrder: 4, nbl: 20, imagingCondition: 'isic', checkpointing: true },
      reduction: { batchSize: 2 },
    });
    expect(task.acquisition.sources).toHaveLength(6);
    expect(task.acquisition.sources[5]).toEqual([1000, 20]);
    expect(task.acquisition.receivers).toHaveLength(101);
    expect(task.acquisition).toMatchObject({ recordingTimeMs: 800, peakFrequencyHz: 15 });
    expect('samplingMs' in task.acquisition).toBe(false);
  });

  it('passes the per-shot aperture and geometry the spec sets, and only those', () => {
    const base = lsrtmSpec();
    const streamer = validateRunSpec({
      ...base,
      acquisition: {
        ...base.acquisition,
        receivers: { count: 11, depthM: 10, xRangeM: [-500, 0] },
        apertureM: 300,
        receiversFollowSource: true,
      },
    });
    const task = buildTaskFile(streamer, { runId: 'r', iteration: 0, kind: 'gradient', shots: [0] });
    expect(task.acquisition).toMatchObject({ apertureM: 300, receiversFollowSource: true });
    expect(task.acquisition.receivers[0]).toEqual([-500, 10]);
    const plain = buildTaskFile(validateRunSpec(base), {
      runId: 'r',
      iteration: 0,
      kind: 'gradient',
      shots: [0],
    });
    expect(Object.keys(plain.acquisition)).not.toEqual(expect.arrayContaining(['apertureM']));
    expect('geometryFromData' in plain.acquisition || 'receiversFollowSource' in plain.acquisition).toBe(
      false,
    );
  });

  it("gives a gradient's shots the chunks their aperture windows touch, and no coverage without apertures", () => {
    // 8 km at 10 m (801 × 51 = 40851 elements, 5 chunks of 8192); a 1 km spread around shots at
    // 0.5 and 7.5 km, 1 km aperture: 301 points each, windows of 350
    const base = lsrtmSpec({ model: { preset: 'layered', shape: [801, 51], spacing: [10, 10] } });
    const acquisition = {
      ...base.acquisition,
      sources: { count: 2, depthM: 20, xRangeM: [500, 7500] as [number, number] },
      receivers: { count: 3, depthM: 20, xRangeM: [-500, 500] as [number, number] },
      receiversFollowSource: true,
    };
    const common = {
      ...base,
      algorithm: { ...base.algorithm, batchSize: 2 },
      reduction: { chunkSize: 8192 },
    };
    const spec = validateRunSpec({ ...common, acquisition: { ...acquisition, apertureM: 1000 } });
    const plan = { runId: 'r', iteration: 1, kind: 'gradient' as const, shots: [1, 0] };

    const task = buildTaskFile(spec, plan);
    const plain = buildTaskFile(validateRunSpec({ ...common, acquisition }), plan);

    // shot 1: points 451–800 (slid to the edge), elements 23001–40851; shot 0: points 0–349, 0–17850
    expect(task.reduction?.shotChunks).toEqual([
      [2, 5],
      [0, 3],
    ]);
    expect(parseContract(taskFileSchema, task, 'task')).toEqual(task);
    expect(plain.reduction).toEqual({ chunkSize: 8192, batchSize: 2 });
    const beyond = {
      ...task,
      reduction: {
        chunkSize: 8192,
        batchSize: 2,
        shotChunks: [
          [2, 6],
          [0, 3],
        ],
      },
    };
    expect(() => parseContract(taskFileSchema, beyond, 'task')).toThrow(
      'reduction.shotChunks.0: [2,6]; expected a range ending at most at the chunk count 5',
    );
  });

  it('passes the sampling interval when the spec has one', () => {
    const base = lsrtmSpec();
    const spec = validateRunSpec({ ...base, acquisition: { ...base.acquisition, samplingMs: 4 } });
    const task = buildTaskFile(spec, { runId: 'r', iteration: 0, kind: 'observe', shots: [0] });
    expect(task.acquisition.samplingMs).toBe(4);
    expect(JSON.parse(JSON.stringify(task))).toEqual(task);
  });

  it('fixes one time axis for every FWI job with the upper velocity bound', () => {
    const fwi = buildTaskFile(validateRunSpec(fwiSpec()), {
      runId: 'r',
      iteration: 1,
      kind: 'gradient',
      shots: [0],
    });
    expect(fwi.physics.vpMaxKmS).toBe(4);
    const lsrtm = buildTaskFile(validateRunSpec(lsrtmSpec()), {
      runId: 'r',
      iteration: 1,
      kind: 'gradient',
      shots: [0],
    });
    expect('vpMaxKmS' in lsrtm.physics).toBe(false);
  });

  it.each(computeTasks)('writes a %s task file the core schema accepts as it is', (kind) => {
    // Arrange: sparse LS-RTM, the one algorithm with every kind of job
    const spec = validateRunSpec(
      lsrtmSpec({
        algorithm: {
          kind: 'lsrtm',
          iterations: 3,
          batchSize: 2,
          step: { rule: 'exact' },
          sparsity: {},
        },
        preconditioning: { depthScaling: {} },
        data: { bandpass: { lowHz: 3, highHz: 20 } },
      }),
    );
    const perShot = kind !== 'model' && kind !== 'sparsify';
    const plan = {
      runId: 'r',
      iteration: kind === 'model' || kind === 'observe' ? 0 : 2,
      kind,
      shots: perShot ? [3, 1] : [],
      ...(kind === 'objective' || kind === 'born-norm' ? { trial: { index: 0, step: 0.5 } } : {}),
      ...(kind === 'sparsify' ? { step: 0.5 } : {}),
    };

    // Act
    const task = buildTaskFile(spec, plan);

    // Assert
    expect(parseContract(taskFileSchema, task, kind)).toEqual(task);
  });
});
