import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ACCUMULATOR_METADATA, runStateSchema } from '@seisless/core';
import { z } from 'zod';
import { renderContractSections } from '../../../scripts/docs/contractSections';
import { CONTRACTS, type Contract } from '../../../scripts/docs/contracts';

const root = resolve(__dirname, '..', '..', '..');
const docsDir = join(root, 'docs', 'contracts');
const ACCUMULATOR_FILE = 'packages/core/src/reduction/accumulator/accumulatorObject.ts';
const pages = [...new Set(CONTRACTS.map((c) => c.doc))];
const read = (doc: string) => readFileSync(join(docsDir, doc), 'utf8');

describe('contract docs', () => {
  it.each(pages)(
    'docs/contracts/%s holds the tables its schemas generate (npm run docs:contracts)',
    (doc) => {
      const page = read(doc);

      expect(renderContractSections(page, doc, CONTRACTS)).toBe(page);
    },
  );

  it('go stale when a schema gains a field the page does not show', () => {
    // Arrange: the run state with one more field, as a change to runStateSchema would make it
    const changed: Contract[] = CONTRACTS.map((c) =>
      c.name === 'run-state'
        ? { ...c, schema: runStateSchema.extend({ pausedAt: z.iso.datetime().describe('when it paused') }) }
        : c,
    );
    const page = read('state-machine.md');

    // Act
    const rendered = renderContractSections(page, 'state-machine.md', changed);

    // Assert
    expect(rendered).not.toBe(page);
    expect(rendered).toContain('| `pausedAt` | ISO 8601 date-time | yes | when it paused |');
  });

  it('go stale when the header comment of a commented format changes', () => {
    // Arrange: the accumulator's header comment with one more metadata key
    const readSource = (file: string) => {
      const text = readFileSync(join(root, file), 'utf8');
      return file === ACCUMULATOR_FILE
        ? text.replace(
            ' * | `x-amz-meta-count`',
            ' * | `x-amz-meta-epoch` | the epoch |\n * | `x-amz-meta-count`',
          )
        : text;
    };
    const page = read('messages.md');

    // Act
    const rendered = renderContractSections(page, 'messages.md', CONTRACTS, readSource);

    // Assert
    expect(rendered).not.toBe(page);
    expect(rendered).toContain('| `x-amz-meta-epoch` | the epoch |');
  });

  it('list in the accumulator section exactly the metadata keys the code writes and reads', () => {
    const section = /<!-- contract:accumulator-object[\s\S]*?<!-- \/contract:accumulator-object -->/.exec(
      read('messages.md'),
    )?.[0];
    const documented = [...(section ?? '').matchAll(/^\| `x-amz-meta-([a-z-]+)` \|/gm)].map((m) => m[1]);

    expect(documented.sort()).toEqual(Object.values(ACCUMULATOR_METADATA).sort());
  });

  it('refuse a page that lost the section of one of its contracts, naming it', () => {
    const page = read('jobs.md').replace(
      /<!-- contract:trial-scalar[\s\S]*?<!-- \/contract:trial-scalar -->/,
      '',
    );

    expect(() => renderContractSections(page, 'jobs.md', CONTRACTS)).toThrow(
      'jobs.md: no section for trial-scalar; expected <!-- contract:NAME --> … <!-- /contract:NAME --> markers',
    );
  });

  it('refuse a section naming a contract registered for another page', () => {
    const page = `${read('messages.md')}\n<!-- contract:run-state -->\n<!-- /contract:run-state -->\n`;

    expect(() => renderContractSections(page, 'messages.md', CONTRACTS)).toThrow(
      'messages.md: section contract:run-state; expected one of the contracts registered for messages.md',
    );
  });
});
