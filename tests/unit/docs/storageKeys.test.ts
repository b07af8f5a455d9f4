import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runKeys, unattributedDeadLetterKey } from '@seisless/core';

/** What each parameter name of a runKeys function stands for in storage.md's listing. */
const PLACEHOLDERS: Record<string, string> = {
  k: '{k}',
  shot: '{i}',
  chunk: '{c}',
  trial: '{t}',
  name: '{name}',
  task: '{task}',
  taskName: '{task}',
  file: '{file}',
};

/** Every member of runKeys('{runId}') as a key or prefix with its placeholders, by name. */
function layout(): Map<string, string> {
  const members = new Map<string, string>();
  for (const [name, value] of Object.entries(runKeys('{runId}'))) {
    if (typeof value === 'string') {
      members.set(name, value);
      continue;
    }
    const params = /^\(?([^)=]*)\)?\s*=>/.exec(String(value))?.[1] ?? '';
    const args = params
      .split(',')
      .map((p) => p.replace(/[?:].*$/, '').trim())
      .filter((p) => p !== '')
      .map((p) => PLACEHOLDERS[p] ?? `{${p}}`);
    members.set(name, (value as (...a: string[]) => string)(...args));
  }
  return members;
}

/** The keys the listing block of storage.md names (`a, b` on one line: b beside a). */
function documentedKeys(): string[] {
  const page = readFileSync(resolve(__dirname, '../../../docs/contracts/storage.md'), 'utf8');
  const block = /```\n(runs\/[\s\S]*?)```/.exec(page)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const [first = '', ...others] = line.split(/\s{2,}/)[0]?.split(', ') ?? [];
      const dir = first.slice(0, first.lastIndexOf('/') + 1);
      return [first, ...others.map((other) => (other.includes('/') ? other : `${dir}${other}`))];
    });
}

const wildcard = (key: string) =>
  new RegExp(`^${key.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]*\}/g, '[^/]+')}$`);
const normalized = (key: string) => key.replace(/\{[^}]*\}/g, '{}');

describe('storage.md', () => {
  const documented = documentedKeys();
  const members = layout();
  const isPrefix = (name: string, key: string) =>
    name === 'root' || name === 'iteration' || key.endsWith('/');

  it.each([...members].filter(([name, key]) => !isPrefix(name, key)))(
    'lists the key runKeys.%s builds (%s)',
    (_name, key) => {
      const pattern = wildcard(normalized(key));
      expect(documented.filter((d) => pattern.test(normalized(d)))).not.toEqual([]);
    },
  );

  it.each([...members].filter(([name, key]) => isPrefix(name, key)))(
    'lists keys under the prefix runKeys.%s builds (%s)',
    (_name, prefix) => {
      const start = normalized(prefix);
      expect(documented.filter((d) => normalized(d).startsWith(start))).not.toEqual([]);
    },
  );

  it('names only keys runKeys (or, outside a run, the compute cache and unattributed dead letters) builds', () => {
    const unattributed = unattributedDeadLetterKey('id').replace('id.json', '{messageId}.json');
    const built = [...members.values(), unattributed].map((k) => wildcard(normalized(k)));
    const unbuilt = documented.filter(
      (d) => !d.startsWith('cache/operators/') && !built.some((pattern) => pattern.test(normalized(d))),
    );

    expect(unbuilt).toEqual([]);
  });
});
