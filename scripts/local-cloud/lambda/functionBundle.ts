import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCached } from '../bundle';
import { PROJECT_ROOT } from '../paths';
import type { FunctionDef } from '../wiring/model';
import type { LambdaError } from './protocol';

const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

export interface HandlerLocation {
  file: string;
  exportName: string;
}

/** `src/handlers/reduce.handler` → the module file in the service folder and the export name. */
export function locateHandler(fn: FunctionDef): HandlerLocation | LambdaError {
  const dot = fn.handler.lastIndexOf('.');
  const modulePath = fn.handler.slice(0, dot);
  const exportName = fn.handler.slice(dot + 1);
  const file = HANDLER_EXTENSIONS.map((ext) => join(fn.serviceDir, modulePath + ext)).find((path) =>
    existsSync(path),
  );
  if (dot <= 0 || !file) {
    return {
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module '${modulePath}' (handler ${fn.handler} of ${fn.name} in ${fn.serviceDir})`,
    };
  }
  return { file, exportName };
}

/**
 * Bundles a handler the way `serverless deploy` does (serverless-esbuild with the service's
 * `custom.esbuild` settings), cached under `<cacheDir>/lambda` and rebuilt when a source changes.
 */
export async function bundleFunction(fn: FunctionDef, file: string, cacheDir: string): Promise<string> {
  const { esbuild } = fn;
  const { outfile } = await bundleCached({
    name: fn.name,
    entry: file,
    cacheDir: join(cacheDir, 'lambda'),
    lockFile: join(PROJECT_ROOT, 'package-lock.json'),
    extension: esbuild.format === 'esm' ? '.mjs' : '.cjs',
    options: {
      bundle: esbuild.bundle,
      minify: esbuild.minify,
      keepNames: esbuild.keepNames,
      sourcemap: esbuild.sourcemap,
      target: esbuild.target,
      platform: esbuild.platform,
      format: esbuild.format,
      external: esbuild.external,
      absWorkingDir: fn.serviceDir,
      logLevel: 'silent',
    },
  });
  return outfile;
}
