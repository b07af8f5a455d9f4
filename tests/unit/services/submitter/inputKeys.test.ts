import { runKeys, validateRunSpec } from '@seisless/core';
import { observedDataTemplate } from '../../../../services/submitter/src/inputKeys';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');

describe('input keys', () => {
  it('reads observed data from the spec template or from the observe outputs', () => {
    expect(observedDataTemplate(validateRunSpec(lsrtmSpec()), 'r')).toBe(keys.shotDataTemplate);
    const own = validateRunSpec(lsrtmSpec({ observed: { keyTemplate: 'field/shot-{shot}.sgy' } }));
    expect(observedDataTemplate(own, 'r')).toBe('field/shot-{shot}.sgy');
  });
});
