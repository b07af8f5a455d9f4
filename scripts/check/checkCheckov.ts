/**
 * Verdict on a checkov JSON report (scripts/check/artifact.sh): fails on a failed check that is
 * not on scripts/check/checkov-skips.yml, on a template checkov could not parse, and on a skip
 * that no failure needs any more. Usage: checkCheckov.ts <report.json>
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CheckovReport, checkovVerdict, parseSkipList } from './checkovVerdict';

function main(reportPath: string): number {
  const skipsPath = resolve(import.meta.dirname, 'checkov-skips.yml');
  const skips = parseSkipList(readFileSync(skipsPath, 'utf8'));
  const parsed = JSON.parse(readFileSync(reportPath, 'utf8')) as CheckovReport | CheckovReport[];
  const verdict = checkovVerdict(Array.isArray(parsed) ? parsed : [parsed], skips);
  for (const line of verdict.failures) console.error(`checkov: ${line}`);
  for (const path of verdict.unparsed) console.error(`checkov: could not parse ${path}`);
  for (const id of verdict.stale)
    console.error(`checkov: ${id} is on the skip list but no longer fails; remove it`);
  console.error(
    `checkov: ${verdict.failures.length} failures, ${verdict.skipped} on the skip list ` +
      `(${skips.size} checks), ${verdict.unparsed.length} unparsed, ${verdict.stale.length} stale skips`,
  );
  const clean = verdict.failures.length + verdict.unparsed.length + verdict.stale.length === 0;
  return clean ? 0 : 1;
}

try {
  process.exitCode = main(process.argv[2] ?? '');
} catch (error) {
  console.error(`checkov: ${(error as Error).message}`);
  process.exitCode = 1;
}
