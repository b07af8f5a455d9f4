import { runKeys, validateRunSpec } from '@seisless/core';
import { startingIterate } from '../../../../services/line-search/src/iterateKeys';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

describe('startingIterate', () => {
  it('follows startingIterateKey, with the spec background for FWI k = 1', () => {
    expect(startingIterate(validateRunSpec(lsrtmSpec()), 'r', 1)).toBeUndefined();
    expect(startingIterate(validateRunSpec(lsrtmSpec()), 'r', 2)).toBe(runKeys('r').model(1));
    expect(startingIterate(validateRunSpec(fwiSpec()), 'r', 1)).toBe(runKeys('r').input('background'));
    expect(startingIterate(validateRunSpec(fwiSpec({ background: { key: 'm/v0.npy' } })), 'r', 1)).toBe(
      'm/v0.npy',
    );
  });
});
