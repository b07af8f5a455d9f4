import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCached } from '../../../../scripts/local-cloud/bundle';

describe('bundleCached', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seisless-bundle-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = (name: string) => ({
    name,
    entry: join(dir, `${name}.ts`),
    cacheDir: join(dir, 'cache'),
    lockFile: join(dir, 'package-lock.json'),
    extension: '.cjs',
    options: {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      sourcemap: true,
      logLevel: 'silent' as const,
    },
  });
  /** Writes a new version of the source, with a modification time that differs from the last. */
  const writeSource = (name: string, version: number) => {
    const file = join(dir, `${name}.ts`);
    writeFileSync(file, `export const version = ${version};\n`);
    utimesSync(file, version, version);
  };

  it('reuses the bundle while the sources are unchanged', async () => {
    writeSource('fn', 1);

    const first = await bundleCached(request('fn'));
    const second = await bundleCached(request('fn'));

    expect(first.built).toBe(true);
    expect(second).toEqual({ outfile: first.outfile, built: false });
  });

  /** Dates a bundle and its map back by an hour, as if built in an earlier session. */
  const age = (outfile: string) => {
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    for (const path of [outfile, `${outfile}.map`]) utimesSync(path, hourAgo, hourAgo);
  };

  it('keeps only the newest bundle and the one it replaced, and leaves other names alone', async () => {
    writeSource('other', 1);
    const other = await bundleCached(request('other'));
    age(other.outfile);
    const outfiles: string[] = [];
    for (const version of [1, 2, 3, 4]) {
      writeSource('fn', version);
      const { outfile, built } = await bundleCached(request('fn'));
      expect(built).toBe(true);
      age(outfile);
      outfiles.push(outfile);
    }

    const left = readdirSync(join(dir, 'cache')).sort();
    const names = (file: string) =>
      [file, `${file}.map`].map((path) => path.slice(join(dir, 'cache').length + 1));

    expect(left).toEqual(
      [
        ...names(outfiles[2] as string),
        ...names(outfiles[3] as string),
        ...names(other.outfile),
        'fn.json',
        'other.json',
      ].sort(),
    );
  });

  it('leaves a superseded bundle alone while it is recent (a concurrent session may load it)', async () => {
    const outfiles: string[] = [];
    for (const version of [1, 2, 3]) {
      writeSource('fn', version);
      outfiles.push((await bundleCached(request('fn'))).outfile);
    }

    const left = readdirSync(join(dir, 'cache')).filter((file) => file.endsWith('.cjs'));

    expect(left).toHaveLength(3);
  });
});
