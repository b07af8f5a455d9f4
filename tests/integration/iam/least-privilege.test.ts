import { join } from 'node:path';
import { exampleSpec, runWorkflow } from '../workflow/runWorkflow';
import { readAllowList, readUsage, staleAllowances, unexplainedGrants } from './leastPrivilege';

/** A small LS-RTM with the exact step: shots, reduction, line-search jobs, model update, report. */
const spec = exampleSpec('lsrtm-layered', (s) => {
  s.algorithm = { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'exact' } };
  s.acquisition = { ...(s.acquisition as object), sources: { count: 4, depthM: 20 } };
});

describe('least privilege of the roles in the packaged templates', () => {
  it(
    'uses every action each role is granted, but for the commented allow-list',
    async () => {
      const outcome = await runWorkflow(spec, 'it-least-privilege');
      expect(outcome.exitCode).toBe(0);

      const usage = readUsage(join(outcome.dir, '.seisless'));
      const allowed = readAllowList(join(__dirname, 'allowed-unused-grants.yml'));
      expect(unexplainedGrants(usage, allowed)).toEqual([]);
      expect(staleAllowances(usage, allowed)).toEqual([]);
    },
    15 * 60_000,
  );
});
