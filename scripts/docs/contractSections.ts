import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { type Contract, contractJsonSchema } from './contracts';
import { branchesOf, fieldRows, type JsonSchema, markdownTable } from './fieldTable';
import { headerCommentSection } from './headerComment';

/** Reads a source file named from the repository root. */
export type ReadSource = (file: string) => string;

const ROOT = resolve(__dirname, '..', '..');
const readRepoFile: ReadSource = (file) => readFileSync(resolve(ROOT, file), 'utf8');

const SECTION = /<!-- contract:([a-z-]+)\b[^>]*-->\n([\s\S]*?)<!-- \/contract:\1 -->/g;

/** The schema's own node: zod puts a schema with an `id` under `$defs` and refers to it. */
function rootNode(json: JsonSchema): JsonSchema {
  const ref = typeof json.$ref === 'string' ? json.$ref.split('/').pop() : undefined;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  return ref === undefined ? json : (defs[ref] ?? json);
}

/** The field every branch of a union fixes to a constant (`action`), with each branch's value. */
function discriminated(branch: JsonSchema): string {
  const properties = (branch.properties ?? {}) as Record<string, JsonSchema>;
  const [name, node] = Object.entries(properties).find(([, p]) => p.const !== undefined) ?? [];
  return name === undefined ? 'one form' : `\`${name}\` = \`${JSON.stringify(node?.const)}\``;
}

/** A schema's field table, or one table per form of a union. */
function schemaTables(schema: z.ZodType): string {
  const root = rootNode(contractJsonSchema(schema, 'input'));
  const branches = branchesOf(root);
  if (branches.length === 0) return markdownTable(fieldRows(root));
  return branches.map((b) => `When ${discriminated(b)}:\n\n${markdownTable(fieldRows(b))}`).join('\n\n');
}

/** The body of a contract's section: its header comment's prose, then its schema's tables. */
export function renderContract(contract: Contract, readSource: ReadSource = readRepoFile): string {
  const parts: string[] = [];
  const from: string[] = [];
  if (contract.comment !== undefined) {
    parts.push(headerCommentSection(readSource(contract.comment), contract.comment));
    from.push(`the header comment of \`${contract.comment}\``);
  }
  if (contract.schema !== undefined) {
    parts.push(schemaTables(contract.schema));
    from.push(`\`${contract.source.split(', ')[0]}\``);
  }
  return `${parts.join('\n\n')}\n\nGenerated from ${from.join(' and ')} by \`npm run docs:contracts\`.\n`;
}

function opening(contract: Contract): string {
  const edit = [contract.comment && 'its header comment', contract.schema && 'the schema'].filter(Boolean);
  return `<!-- contract:${contract.name} (generated from ${contract.source}: edit ${edit.join(' and ')}, then npm run docs:contracts) -->\n`;
}

/**
 * A page with every contract section regenerated from its schema. Throws when the page names a
 * contract that does not exist or lacks the section of one registered for it.
 */
export function renderContractSections(
  page: string,
  doc: string,
  contracts: readonly Contract[],
  readSource: ReadSource = readRepoFile,
): string {
  const seen = new Set<string>();
  const rendered = page.replace(SECTION, (_match, name: string) => {
    const contract = contracts.find((c) => c.name === name);
    if (contract === undefined || contract.doc !== doc)
      throw new Error(
        `${doc}: section contract:${name}; expected one of the contracts registered for ${doc}`,
      );
    seen.add(name);
    return `${opening(contract)}${renderContract(contract, readSource)}<!-- /contract:${name} -->`;
  });
  const missing = contracts.filter((c) => c.doc === doc && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new Error(
      `${doc}: no section for ${missing.join(', ')}; expected <!-- contract:NAME --> … <!-- /contract:NAME --> markers`,
    );
  }
  return rendered;
}
