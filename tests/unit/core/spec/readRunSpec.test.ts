import { InputError, readRunSpec, runKeys, ValidationError, validateRunSpec } from '@seisless/core';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

describe('readRunSpec', () => {
  it('reads and validates the spec stored when the run started', async () => {
    const store = memoryObjectStore();
    await store.putJson(runKeys('demo').spec, lsrtmSpec());

    expect(await readRunSpec(store, 'demo')).toEqual(validateRunSpec(lsrtmSpec()));
  });

  it('names the key of a missing spec', async () => {
    await expect(readRunSpec(memoryObjectStore(), 'demo')).rejects.toThrow(InputError);
    await expect(readRunSpec(memoryObjectStore(), 'demo')).rejects.toThrow(
      'runs/demo/spec.json: not found; expected the run spec written when the run started',
    );
  });

  it('refuses a stored spec that does not validate, naming its key', async () => {
    const store = memoryObjectStore();
    await store.putJson(runKeys('demo').spec, { ...lsrtmSpec(), seed: -1 });

    await expect(readRunSpec(store, 'demo')).rejects.toThrow(ValidationError);
    await expect(readRunSpec(store, 'demo')).rejects.toThrow(/runs\/demo\/spec\.json/);
  });
});
