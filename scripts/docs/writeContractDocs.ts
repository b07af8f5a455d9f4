import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderContractSections } from './contractSections';
import { CONTRACTS } from './contracts';

/**
 * `npm run docs:contracts`: regenerates the field tables of docs/contracts/*.md from the core
 * schemas. With `--check`, writes nothing and exits 1 naming each page that is out of date.
 */
async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const dir = resolve(__dirname, '..', '..', 'docs', 'contracts');
  const stale: string[] = [];
  for (const doc of [...new Set(CONTRACTS.map((c) => c.doc))]) {
    const path = join(dir, doc);
    const page = await readFile(path, 'utf8');
    const rendered = renderContractSections(page, doc, CONTRACTS);
    if (rendered === page) continue;
    stale.push(`docs/contracts/${doc}`);
    if (!check) await writeFile(path, rendered);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`docs:contracts: ${stale.join(', ')} out of date; run npm run docs:contracts\n`);
    return 1;
  }
  process.stdout.write(
    stale.length === 0 ? 'docs:contracts: up to date\n' : `docs:contracts: wrote ${stale.join(', ')}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`docs:contracts: ${error.message}\n`);
    process.exit(1);
  },
);
