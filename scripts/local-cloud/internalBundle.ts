import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { bundleCached } from './bundle';
import { PROJECT_ROOT } from './paths';

/** Where the local cloud's own bundles live: inside node_modules, so their imports resolve. */
export const INTERNAL_CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'seisless-local-cloud');

/**
 * Bundles one of the local cloud's own entry points (a child server, the Lambda runtime) so it starts
 * with plain `node`, without a TypeScript loader. Packages stay external and load from node_modules.
 */
export async function bundleInternal(name: string, entry: string, format: 'cjs' | 'esm'): Promise<string> {
  // Work trees sharing one node_modules share this cache: the entry's folder keeps their bundles apart.
  const tree = createHash('sha256').update(dirname(entry)).digest('hex').slice(0, 8);
  const { outfile } = await bundleCached({
    name: `${name}-${tree}`,
    entry,
    cacheDir: INTERNAL_CACHE_DIR,
    lockFile: join(PROJECT_ROOT, 'package-lock.json'),
    extension: format === 'esm' ? '.mjs' : '.cjs',
    options: {
      bundle: true,
      packages: 'external',
      platform: 'node',
      target: 'node20',
      format,
      absWorkingDir: PROJECT_ROOT,
      logLevel: 'silent',
      tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
    },
  });
  return outfile;
}
