/**
 * Checks of the packaged templates that no linter makes (CI, scripts/check/artifact.sh): no
 * unresolved `#{…}` outside a state machine definition, and no IAM statement granting
 * `Resource: '*'` for an action that supports resource-level permissions.
 * Prints one line per finding; exit code 1 when there is any.
 */
import { resolve } from 'node:path';
import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { packagedTemplates } from './template';
import { unresolvedPlaceholders } from './unresolvedPlaceholders';
import { wildcardGrants } from './wildcardGrants';

async function main(): Promise<number> {
  const root = resolve(import.meta.dirname, '..', '..');
  const findings: string[] = [];
  const templates = packagedTemplates(root);
  for (const { path, template } of templates) {
    for (const where of unresolvedPlaceholders(template)) {
      findings.push(`${path}: unresolved #{…} at ${where}`);
    }
    for (const grant of await wildcardGrants(template, isWildcardOnlyAction)) {
      findings.push(`${path}: ${grant.where}: ${grant.action} on Resource '*' (${grant.reason})`);
    }
  }
  for (const line of findings) console.error(line);
  console.error(`check-templates: ${templates.length} templates, ${findings.length} findings`);
  return findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`check-templates: ${error.message}`);
    process.exitCode = 1;
  },
);
