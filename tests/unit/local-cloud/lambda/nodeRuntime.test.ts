import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  installedNodes,
  NODE_RUNTIME_DIR,
  nodeFor,
} from '../../../../scripts/local-cloud/lambda/nodeRuntime';

describe('nodeFor', () => {
  const nodes = [
    { path: '/opt/node22/bin/node', version: '22.23.3' },
    { path: '/usr/bin/node', version: '20.20.2' },
  ];

  it('picks the Node of the runtime major', () => {
    expect(nodeFor('nodejs22.x', nodes)).toBe('/opt/node22/bin/node');
    expect(nodeFor('nodejs20.x', nodes)).toBe('/usr/bin/node');
  });

  it('fails with one line naming the runtime and how to install its Node', () => {
    const call = () => nodeFor('nodejs24.x', nodes);

    expect(call).toThrow(/^Lambda runtime nodejs24\.x needs Node 24, .*scripts\/bootstrap\/setup\.sh/);
    expect(call).toThrow(/have 22\.23\.3, 20\.20\.2/);
    expect(() => call()).not.toThrow(/\n/);
  });

  it('refuses runtimes that are not Node.js', () => {
    expect(() => nodeFor('python3.12', nodes)).toThrow("Lambda runtime 'python3.12' is not emulated locally");
  });
});

describe('installedNodes', () => {
  it('lists the Node 22 that set-up installs, then the one running the local cloud', () => {
    const nodes = installedNodes();

    expect(existsSync(join(NODE_RUNTIME_DIR, 'node_modules', '.bin', 'node'))).toBe(true);
    expect(nodes[0]?.version).toMatch(/^22\./);
    expect(nodes.at(-1)).toEqual({ path: process.execPath, version: process.versions.node });
  });

  it('lists only the running Node when the runtime package is not installed', () => {
    expect(installedNodes('/nonexistent')).toEqual([
      { path: process.execPath, version: process.versions.node },
    ]);
  });
});
