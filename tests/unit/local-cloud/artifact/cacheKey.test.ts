// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation and serverless ${…} strings, not templates
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { artifactCacheKey } from '../../../../scripts/local-cloud/artifact/cacheKey';

/** A small project: shared config, a state machine, the core package, and one service. */
function project(): { rootDir: string; serviceDir: string; write: (path: string, text: string) => void } {
  const rootDir = mkdtempSync(join(tmpdir(), 'seisless-key-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(rootDir, path)), { recursive: true });
    writeFileSync(join(rootDir, path), text);
  };
  write('package-lock.json', '{}');
  write('serverless.common.yml', 'provider:\n  runtime: nodejs22.x\n');
  write('state-machines/flow.yml', 'StartAt: A\n');
  write('packages/core/src/index.ts', 'export const core = 1;\n');
  write('services/svc/serverless.yml', 'service: svc\ndefinition: ${file(../../fixtures/machine.yml)}\n');
  write('fixtures/machine.yml', 'StartAt: B\n');
  write(
    'services/svc/src/handler.ts',
    "import { shared } from '../../../shared/helper';\nexport const handler = shared;\n",
  );
  write('shared/helper.ts', 'export const shared = 1;\n');
  write('services/svc/README.md', '# svc\n');
  write('tests/other.test.ts', '// not an input\n');
  return { rootDir, serviceDir: join(rootDir, 'services', 'svc'), write };
}

describe('artifactCacheKey', () => {
  const key = (p: ReturnType<typeof project>, stage = 'local') =>
    artifactCacheKey({ serviceDir: p.serviceDir, rootDir: p.rootDir, stage, region: 'us-east-1' }).hash;

  it.each([
    ['a handler', 'services/svc/src/handler.ts'],
    ['a source the handler imports from outside the service', 'shared/helper.ts'],
    ['the serverless.yml', 'services/svc/serverless.yml'],
    ['a file the serverless.yml pulls in', 'fixtures/machine.yml'],
    ['the state machine folder', 'state-machines/flow.yml'],
    ['the shared configuration', 'serverless.common.yml'],
    ['the core package', 'packages/core/src/index.ts'],
    ['the lock file', 'package-lock.json'],
  ])('changes when %s changes', (_what, path) => {
    const p = project();
    const before = key(p);

    p.write(path, '// changed\n');

    expect(key(p)).not.toBe(before);
  });

  it.each([
    ['the README', 'services/svc/README.md'],
    ['a test elsewhere', 'tests/other.test.ts'],
    ['a build folder', 'services/svc/.esbuild/out.js'],
    ['a new unrelated file', 'docs/notes.md'],
  ])('stays the same when %s changes', (_what, path) => {
    const p = project();
    const before = key(p);

    p.write(path, '// changed\n');

    expect(key(p)).toBe(before);
  });

  it('changes with the stage', () => {
    const p = project();

    expect(key(p, 'dev')).not.toBe(key(p, 'local'));
  });

  it('lists the files the serverless.yml pulls in (state machines claimed by the service)', () => {
    const p = project();

    const { pulledIn } = artifactCacheKey({
      serviceDir: p.serviceDir,
      rootDir: p.rootDir,
      stage: 'local',
      region: 'us-east-1',
    });

    expect(pulledIn).toEqual([join(p.rootDir, 'fixtures', 'machine.yml')]);
  });
});
