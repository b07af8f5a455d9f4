import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { filesUnder, importedFromOutside, pulledInFiles } from './serviceInputs';

/** Bumped when the packaging command or the cache layout changes, so old entries are not reused. */
const CACHE_FORMAT = 'serverless-package/1';

export interface CacheKeyInput {
  serviceDir: string;
  /** Project root: shared inputs (common config, state machines, core package, lock file) live here. */
  rootDir: string;
  stage: string;
  region: string;
}

export interface CacheKey {
  /** Hex digest of every input; the cache entry's folder name. */
  hash: string;
  /** The input files, absolute, sorted. */
  files: string[];
  /** Files the service's serverless.yml pulls in with `${file(…)}` (absolute). */
  pulledIn: string[];
}

/** Inputs shared by every service: what `${file()}`, the bundler and the plugins read besides the service. */
function sharedInputs(rootDir: string): string[] {
  return [
    join(rootDir, 'serverless.common.yml'),
    join(rootDir, 'package-lock.json'),
    ...filesUnder(join(rootDir, 'state-machines')),
    ...filesUnder(join(rootDir, 'packages', 'core', 'src')),
  ].filter((file) => existsSync(file));
}

/**
 * The cache key of one service's packaged artifact: a hash over its serverless.yml, its `src/`, the
 * files it pulls in, the sources it imports from outside its folder, the shared inputs, the stage and
 * the region. Anything else (READMEs, tests, other services) leaves it unchanged.
 */
export function artifactCacheKey(input: CacheKeyInput): CacheKey {
  const manifest = join(input.serviceDir, 'serverless.yml');
  const sources = filesUnder(join(input.serviceDir, 'src'));
  const pulledIn = pulledInFiles(manifest);
  const files = [
    ...new Set([
      manifest,
      ...sources,
      ...pulledIn,
      ...importedFromOutside(input.serviceDir, sources),
      ...sharedInputs(input.rootDir),
    ]),
  ]
    .filter((file) => existsSync(file))
    .sort();
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\0${input.stage}\0${input.region}\0`);
  for (const file of files) {
    hash.update(`${relative(input.rootDir, file)}\0`);
    hash.update(createHash('sha256').update(readFileSync(file)).digest());
  }
  return { hash: hash.digest('hex').slice(0, 16), files, pulledIn };
}
