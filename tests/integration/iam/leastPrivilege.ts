import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { IamUsageReport } from '../../../scripts/local-cloud/iam/usage';

/** One grant that may stay unused, and why. */
export interface AllowedUnusedGrant {
  /** Role name; `*` matches any run of characters (the templates add hashes to some names). */
  readonly role: string;
  /** The granted action pattern as the policy writes it; `*` as in `role`. */
  readonly action: string;
  readonly reason: string;
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

const covers = (entry: AllowedUnusedGrant, role: string, action: string): boolean =>
  glob(entry.role).test(role) && glob(entry.action).test(action);

export function readAllowList(file: string): AllowedUnusedGrant[] {
  const entries = (parse(readFileSync(file, 'utf8')) ?? []) as AllowedUnusedGrant[];
  for (const entry of entries) {
    if (!entry.role || !entry.action || !entry.reason?.trim())
      throw new Error(
        `${file}: every entry needs role, action and a one-line reason: ${JSON.stringify(entry)}`,
      );
  }
  return entries;
}

/** The usage report the local cloud writes on stop. */
export function readUsage(dataDir: string): IamUsageReport {
  return JSON.parse(readFileSync(join(dataDir, 'iam-usage.json'), 'utf8')) as IamUsageReport;
}

/** `role: action` of every unused grant not on the allow-list. */
export function unexplainedGrants(usage: IamUsageReport, allowed: readonly AllowedUnusedGrant[]): string[] {
  return Object.values(usage).flatMap(({ role, unusedGrants }) =>
    unusedGrants
      .filter((action) => !allowed.some((entry) => covers(entry, role, action)))
      .map((action) => `${role}: ${action}`),
  );
}

/**
 * Allow-list entries that match no grant of any role any more (the list must stay short and true).
 * An entry whose grant happened to be used in this run stays: failure paths are used only sometimes.
 */
export function staleAllowances(usage: IamUsageReport, allowed: readonly AllowedUnusedGrant[]): string[] {
  return allowed
    .filter(
      (entry) =>
        !Object.values(usage).some((role) => role.grants.some((action) => covers(entry, role.role, action))),
    )
    .map((entry) => `${entry.role}: ${entry.action}`);
}
