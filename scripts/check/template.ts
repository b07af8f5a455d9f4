import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation template as `serverless package` writes it (the parts the checks read). */
export interface Template {
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
  [section: string]: unknown;
}

export interface PackagedTemplate {
  /** Path relative to the project root. */
  readonly path: string;
  readonly template: Template;
}

const templateFile = join('.serverless', 'cloudformation-template-update-stack.json');

/**
 * The templates `scripts/bootstrap/package-all.sh` wrote, one per service folder with a
 * serverless.yml; fails naming the service when one is missing (package first).
 */
export function packagedTemplates(rootDir: string): PackagedTemplate[] {
  const servicesDir = join(rootDir, 'services');
  const services = readdirSync(servicesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => readdirSync(join(servicesDir, name)).includes('serverless.yml'))
    .sort();
  return services.map((name) => {
    const path = join('services', name, templateFile);
    let text: string;
    try {
      text = readFileSync(join(rootDir, path), 'utf8');
    } catch (cause) {
      throw new Error(`${path} is missing: run scripts/bootstrap/package-all.sh first`, { cause });
    }
    return { path, template: JSON.parse(text) as Template };
  });
}
