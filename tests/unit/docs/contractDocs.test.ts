import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runStateSchema } from '@seisless/core';
import { z } from 'zod';
import { renderContractSections } from '../../../scripts/docs/contractSections';
import { CONTRACTS, type Contract } from '../../../scripts/docs/contracts';

const docsDir = resolve(__dirname, '..', '..', '..', 'docs', 'contracts');
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
