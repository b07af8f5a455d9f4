import { type Contract, contractJsonSchema } from './contracts';
import { branchesOf, fieldRows, type JsonSchema, markdownTable } from './fieldTable';

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

/** The body of a contract's section: its field table, or one table per form of a union. */
export function renderContract(contract: Contract): string {
  const root = rootNode(contractJsonSchema(contract, 'input'));
  const note = `Generated from \`${contract.source.split(', ')[0]}\` by \`npm run docs:contracts\`.`;
  const branches = branchesOf(root);
  if (branches.length === 0) return `${markdownTable(fieldRows(root))}\n\n${note}\n`;
  const forms = branches.map((b) => `When ${discriminated(b)}:\n\n${markdownTable(fieldRows(b))}\n`);
  return `${forms.join('\n')}\n${note}\n`;
}

function opening(contract: Contract): string {
  return `<!-- contract:${contract.name} (generated from ${contract.source}: edit the schema, then npm run docs:contracts) -->\n`;
}

/**
 * A page with every contract section regenerated from its schema. Throws when the page names a
 * contract that does not exist or lacks the section of one registered for it.
 */
export function renderContractSections(page: string, doc: string, contracts: readonly Contract[]): string {
  const seen = new Set<string>();
  const rendered = page.replace(SECTION, (_match, name: string) => {
    const contract = contracts.find((c) => c.name === name);
    if (contract === undefined || contract.doc !== doc)
      throw new Error(
        `${doc}: section contract:${name}; expected one of the contracts registered for ${doc}`,
      );
    seen.add(name);
    return `${opening(contract)}${renderContract(contract)}<!-- /contract:${name} -->`;
  });
  const missing = contracts.filter((c) => c.doc === doc && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new Error(
      `${doc}: no section for ${missing.join(', ')}; expected <!-- contract:NAME --> … <!-- /contract:NAME --> markers`,
    );
  }
  return rendered;
}
