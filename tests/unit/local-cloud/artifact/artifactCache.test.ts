import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packagedServices } from '../../../../scripts/local-cloud/artifact/artifactCache';
import type { PackageCommand } from '../../../../scripts/local-cloud/artifact/packageService';

function setup(services: string[]) {
  const rootDir = mkdtempSync(join(tmpdir(), 'seisless-cache-'));
  const serviceDirs = services.map((name) => {
    const dir = join(rootDir, 'services', name);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'serverless.yml'), `service: ${name}\n`);
    writeFileSync(join(dir, 'src', 'handler.ts'), 'export const handler = 1;\n');
    return dir;
  });
  const calls: PackageCommand[] = [];
  let running = 0;
  let mostAtOnce = 0;
  /** Stands in for serverless package: writes a template naming the service, slowly. */
  const packager = async (command: PackageCommand) => {
    calls.push(command);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await sleep(20);
    mkdirSync(command.outDir, { recursive: true });
    writeFileSync(
      join(command.outDir, 'cloudformation-template-update-stack.json'),
      JSON.stringify(command.serviceDir),
    );
    running -= 1;
  };
  const lines: string[] = [];
  const options = {
    cacheDir: join(rootDir, 'cache'),
    rootDir,
    stage: 'local',
    region: 'us-east-1',
    log: (line: string) => lines.push(line),
    packager,
  };
  return { serviceDirs, options, calls, lines, mostAtOnce: () => mostAtOnce };
}

describe('packagedServices', () => {
  it('packages each service once, two at a time, into <cache>/artifacts/<folder>/<hash>, with progress', async () => {
    const s = setup(['a', 'b', 'c']);

    const packages = await packagedServices(s.serviceDirs, s.options);

    expect(s.calls).toHaveLength(3);
    expect(s.mostAtOnce()).toBe(2);
    for (const [index, pkg] of packages.entries()) {
      expect(pkg.dir).toBe(join(s.options.cacheDir, 'artifacts', ['a', 'b', 'c'][index] ?? '', pkg.hash));
      expect(readFileSync(join(pkg.dir, 'cloudformation-template-update-stack.json'), 'utf8')).toContain(
        pkg.serviceDir,
      );
    }
    expect(s.lines).toContain('packaging a (stage local)…');
    expect(s.lines.some((line) => /^packaging a \(stage local\)… done in \d+\.\d s$/.test(line))).toBe(true);
  });

  it('reuses the cache while the inputs are unchanged', async () => {
    const s = setup(['a']);
    const first = await packagedServices(s.serviceDirs, s.options);

    const second = await packagedServices(s.serviceDirs, s.options);

    expect(s.calls).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('rebuilds when a handler changes and prunes the superseded entry', async () => {
    const s = setup(['a']);
    const [old] = await packagedServices(s.serviceDirs, s.options);
    writeFileSync(join(s.serviceDirs[0] ?? '', 'src', 'handler.ts'), 'export const handler = 2;\n');

    const [fresh] = await packagedServices(s.serviceDirs, s.options);

    expect(s.calls).toHaveLength(2);
    expect(fresh?.hash).not.toBe(old?.hash);
    expect(readdirSync(join(s.options.cacheDir, 'artifacts', 'a'))).toEqual([fresh?.hash]);
  });

  it('keeps the entry of another stage', async () => {
    const s = setup(['a']);
    const [local] = await packagedServices(s.serviceDirs, s.options);

    await packagedServices(s.serviceDirs, { ...s.options, stage: 'dev' });

    expect(existsSync(local?.dir ?? '')).toBe(true);
  });

  it('leaves no entry behind when packaging fails', async () => {
    const s = setup(['a']);
    const failing = async (command: PackageCommand) => {
      mkdirSync(command.outDir, { recursive: true });
      throw new Error('serverless package failed');
    };

    await expect(packagedServices(s.serviceDirs, { ...s.options, packager: failing })).rejects.toThrow(
      'serverless package failed',
    );
    expect(readdirSync(join(s.options.cacheDir, 'artifacts', 'a'))).toEqual([]);
  });

  it('lets two clouds starting at once share one build', async () => {
    const s = setup(['a']);

    const [first, second] = await Promise.all([
      packagedServices(s.serviceDirs, s.options),
      packagedServices(s.serviceDirs, s.options),
    ]);

    expect(s.calls).toHaveLength(1);
    expect(second).toEqual(first);
    expect(s.lines).toContain('packaging a: waiting for another cloud packaging it…');
  });
});

describe('packagedServices: entries in use', () => {
  it('keeps a superseded entry while another live process uses it', async () => {
    const s = setup(['a']);
    const [old] = await packagedServices(s.serviceDirs, s.options);
    // The parent of this test process stands for another cloud still running on the old entry.
    writeFileSync(join(old?.dir ?? '', '.users', String(process.ppid)), '');
    writeFileSync(join(s.serviceDirs[0] ?? '', 'src', 'handler.ts'), 'export const handler = 3;\n');

    const [fresh] = await packagedServices(s.serviceDirs, s.options);

    expect(readdirSync(join(s.options.cacheDir, 'artifacts', 'a')).sort()).toEqual(
      [fresh?.hash, old?.hash].sort(),
    );
  });
});
