import { startAndInterrupt } from './support/ctrlC';

// The first start packages the services into a warm cache shared by later starts (~30 s once).
jest.setTimeout(300000);

describe('npm run cloud stops cleanly', () => {
  it.each([
    ['SIGINT', 4],
    ['SIGTERM', 2],
  ] as const)('on %s to its process group, %i times in a row', async (signal, runs) => {
    for (let run = 0; run < runs; run++) {
      const result = await startAndInterrupt(signal);
      expect(result.problems).toEqual([]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`local cloud: ${signal}, stopping`);
      expect(result.groupLeft).toBe(false);
    }
  });

  it('refuses a bad option in one line, exit 2, before anything starts', async () => {
    const { spawnSync } = await import('node:child_process');
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/local-cloud/main.ts', '--max-vcpus', 'two'],
      {
        cwd: `${__dirname}/../../..`,
        encoding: 'utf8',
        timeout: 30000,
      },
    );
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toEqual([
      "local cloud: usage error: --max-vcpus: expected a whole number of vCPUs ≥ 1, got 'two' (npm run cloud -- --help)",
    ]);
  });
});
