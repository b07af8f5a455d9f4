import { main } from '../../../../scripts/cli/main';
import { fakeDeps } from '../fakes';

describe('seisless schema', () => {
  it('prints the run spec JSON Schema with its top-level fields', async () => {
    const { deps, stdout } = fakeDeps();
    expect(await main(['schema'], deps)).toBe(0);
    const schema = JSON.parse(stdout());
    expect(schema.title).toBe('seisless run spec');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['model', 'acquisition', 'algorithm', 'compute', 'reduction']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['model', 'acquisition', 'algorithm']));
    expect(schema.required).not.toContain('compute');
  });
});
