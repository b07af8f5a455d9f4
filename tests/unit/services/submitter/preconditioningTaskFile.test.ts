import { validateRunSpec } from '@seisless/core';
import { buildTaskFile } from '../../../../services/submitter/src/taskFile';
import { lsrtmSpec } from '../../../support/runSpecs';

describe('buildTaskFile: preconditioning and wavefield subsampling', () => {
  const base = lsrtmSpec();
  const spec = validateRunSpec({
    ...base,
    compute: { ...base.compute, wavefieldSubsampling: 'auto' },
    preconditioning: { waterMute: { depthM: 150 }, illumination: { epsilon: 0.05 } },
  });

  it('gives the gradient jobs the spec preconditioning and every job the subsampling', () => {
    const gradient = buildTaskFile(spec, { runId: 'r', iteration: 1, kind: 'gradient', shots: [0] });
    expect(gradient.preconditioning).toEqual({ waterMute: { depthM: 150 }, illumination: { epsilon: 0.05 } });
    expect(gradient.physics.wavefieldSubsampling).toBe('auto');
  });

  it('gives the other jobs no preconditioning', () => {
    const objective = buildTaskFile(spec, { runId: 'r', iteration: 1, kind: 'objective', shots: [0] });
    expect('preconditioning' in objective).toBe(false);
  });

  it('writes neither for a spec without them', () => {
    const plain = buildTaskFile(validateRunSpec(base), {
      runId: 'r',
      iteration: 1,
      kind: 'gradient',
      shots: [0],
    });
    expect('preconditioning' in plain).toBe(false);
    expect('wavefieldSubsampling' in plain.physics).toBe(false);
  });
});
