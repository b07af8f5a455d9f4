import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeislessError } from '@seisless/core';
import { LOCAL_CLOUD_DIR } from '../paths';

/** The package `scripts/bootstrap/setup.sh` installs the functions' Node into. */
export const NODE_RUNTIME_DIR = join(LOCAL_CLOUD_DIR, 'lambda', 'node-runtime');

export interface NodeBinary {
  path: string;
  /** Full version, `22.23.3`. */
  version: string;
}

/** The Node builds at hand: the runtime package's, then the one running the local cloud. */
export function installedNodes(runtimeDir = NODE_RUNTIME_DIR): NodeBinary[] {
  const nodes: NodeBinary[] = [];
  const binary = join(runtimeDir, 'node_modules', '.bin', 'node');
  const manifest = join(runtimeDir, 'node_modules', 'node', 'package.json');
  if (existsSync(binary) && existsSync(manifest)) {
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    nodes.push({ path: binary, version });
  }
  nodes.push({ path: process.execPath, version: process.versions.node });
  return nodes;
}

/**
 * The Node binary for a Lambda runtime identifier (`nodejs22.x` → a Node 22), so functions run
 * locally on the major version they deploy on. Fails with one line saying what to install.
 */
export function nodeFor(runtime: string, nodes: NodeBinary[] = installedNodes()): string {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (!major) {
    throw new SeislessError(
      `Lambda runtime '${runtime}' is not emulated locally; use a nodejs<major>.x runtime`,
    );
  }
  const found = nodes.find((node) => node.version.split('.')[0] === major);
  if (!found) {
    throw new SeislessError(
      `Lambda runtime ${runtime} needs Node ${major}, which is not installed for the local cloud ` +
        `(have ${nodes.map((node) => node.version).join(', ')}); run \`bash scripts/bootstrap/setup.sh\`, ` +
        `or pin node@${major} in scripts/local-cloud/lambda/node-runtime/package.json first`,
    );
  }
  return found.path;
}
