import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shotCount, validateRunSpec } from '@seisless/core';

const SPECS = join(__dirname, '..', '..', '..', 'numerical-examples', 'specs');
const files = readdirSync(SPECS).filter((name) => name.endsWith('.json'));

describe('the example specs in numerical-examples/specs', () => {
  it('are there: RTM, LS-RTM (the demo among them) and FWI', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'rtm-layered.json',
        'lsrtm-layered.json',
        'lsrtm-demo.json',
        'fwi-camembert.json',
      ]),
    );
  });

  it.each(files)('%s is a valid run spec whose batches fit its shots', (name) => {
    const path = join(SPECS, name);

    const spec = validateRunSpec(JSON.parse(readFileSync(path, 'utf8')), path);

    expect(shotCount(spec)).toBeGreaterThan(0);
    if (spec.algorithm.kind !== 'rtm') expect(spec.algorithm.batchSize).toBeLessThanOrEqual(shotCount(spec));
  });
});
