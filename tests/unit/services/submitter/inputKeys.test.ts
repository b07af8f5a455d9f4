import { runKeys, validateRunSpec } from '@seisless/core';
import {
  backgroundKey,
  observedDataTemplate,
  startingIterate,
} from '../../../../services/submitter/src/inputKeys';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');

describe('input keys', () => {
  it('uses the background the model job writes, or the spec own object', () => {
    expect(backgroundKey(validateRunSpec(lsrtmSpec()), 'r')).toBe(keys.input('background'));
    expect(backgroundKey(validateRunSpec(lsrtmSpec({ background: { key: 'models/smooth.npy' } })), 'r')).toBe(
      'models/smooth.npy',
    );
  });

  it('starts FWI from the background and LS-RTM from a zero image', () => {
    expect(startingIterate(validateRunSpec(fwiSpec()), 'r', 1)).toBe(keys.input('background'));
    expect(startingIterate(validateRunSpec(fwiSpec({ background: { key: 'm/v0.npy' } })), 'r', 1)).toBe(
      'm/v0.npy',
    );
    expect(startingIterate(validateRunSpec(lsrtmSpec()), 'r', 1)).toBeUndefined();
    expect(startingIterate(validateRunSpec(lsrtmSpec()), 'r', 3)).toBe(keys.model(2));
  });

  it('reads observed data from the spec template or from the observe outputs', () => {
    expect(observedDataTemplate(validateRunSpec(lsrtmSpec()), 'r')).toBe(keys.shotDataTemplate);
    const own = validateRunSpec(lsrtmSpec({ observed: { keyTemplate: 'field/shot-{shot}.sgy' } }));
    expect(observedDataTemplate(own, 'r')).toBe('field/shot-{shot}.sgy');
  });
});
