import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { FunctionCode, unpackArtifact } from '../../../../scripts/local-cloud/lambda/functionCode';

describe('unpackArtifact', () => {
  let dir: string;
  let artifact: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seisless-artifact-'));
    artifact = join(dir, 'reduce.zip');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = () => ({ functionName: 'svc-local-reduce', artifact, cacheDir: join(dir, 'cache') });
  const writeArtifact = (source: string) =>
    writeFileSync(artifact, zipSync({ 'src/handlers/reduce.js': strToU8(source), 'src/': {} }));
  const functionDir = () => join(dir, 'cache', 'lambda', 'svc-local-reduce');
  /** Dates a folder back by an hour, as if extracted in an earlier session. */
  const age = (path: string) => {
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    utimesSync(path, hourAgo, hourAgo);
  };

  it('extracts the zip into a folder named by its content hash, once', async () => {
    writeArtifact('exports.handler = async () => 1;');

    const first = await unpackArtifact(request());
    writeFileSync(join(first, 'marker'), '');
    const second = await unpackArtifact(request());

    expect(first).toMatch(/svc-local-reduce\/[0-9a-f]{16}$/);
    expect(readFileSync(join(first, 'src/handlers/reduce.js'), 'utf8')).toBe(
      'exports.handler = async () => 1;',
    );
    expect(second).toBe(first);
    expect(existsSync(join(second, 'marker'))).toBe(true);
    expect(readdirSync(functionDir())).toEqual([first.split('/').at(-1)]);
  });

  it('gives a new artifact a new folder, and prunes superseded ones only once they are old', async () => {
    writeArtifact('exports.handler = async () => 1;');
    const old = await unpackArtifact(request());
    writeArtifact('exports.handler = async () => 2;');
    const recent = await unpackArtifact(request());
    age(old);
    writeArtifact('exports.handler = async () => 3;');

    const current = await unpackArtifact(request());

    expect(new Set([old, recent, current]).size).toBe(3);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(readFileSync(join(current, 'src/handlers/reduce.js'), 'utf8')).toContain('=> 3');
  });

  it('removes leftovers of an interrupted extraction once they are old', async () => {
    const leftover = join(functionDir(), '.extract-abc123');
    mkdirSync(leftover, { recursive: true });
    age(leftover);
    writeArtifact('exports.handler = async () => 1;');

    await unpackArtifact(request());

    expect(existsSync(leftover)).toBe(false);
  });

  it('refuses an entry that would land outside the folder', async () => {
    writeFileSync(artifact, zipSync({ '../escape.js': strToU8('x') }));

    await expect(unpackArtifact(request())).rejects.toThrow("entry '../escape.js' points outside");
    expect(existsSync(join(functionDir(), '..', 'escape.js'))).toBe(false);
    expect(readdirSync(functionDir())).toEqual([]);
  });

  it('names the function and the missing artifact', async () => {
    await expect(unpackArtifact(request())).rejects.toThrow(
      `svc-local-reduce: artifact ${artifact} not found; package the service`,
    );
  });

  it('names an archive that is not a zip', async () => {
    writeFileSync(artifact, 'not a zip');

    await expect(unpackArtifact(request())).rejects.toThrow(`${artifact}: not a readable zip archive`);
  });
});

describe('FunctionCode', () => {
  let dir: string;
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('extracts a package rewritten at the same path once its freshness check is due', async () => {
    dir = mkdtempSync(join(tmpdir(), 'seisless-artifact-'));
    const artifact = join(dir, 'fn.zip');
    writeFileSync(artifact, zipSync({ 'index.js': strToU8('// v1') }));
    const code = new FunctionCode({ functionName: 'fn', artifact, cacheDir: dir });
    let now = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const first = await code.taskRoot();
    writeFileSync(artifact, zipSync({ 'index.js': strToU8('// v2, longer') }));

    const withinSecond = await code.taskRoot();
    now += 1500;
    const afterCheck = await code.taskRoot();

    expect(withinSecond).toBe(first);
    expect(afterCheck).not.toBe(first);
    expect(readFileSync(join(afterCheck, 'index.js'), 'utf8')).toBe('// v2, longer');
  });
});
