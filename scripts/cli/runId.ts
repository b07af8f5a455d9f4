import { basename, extname } from 'node:path';
import { ValidationError } from '@seisless/core';

/** The run id form every part of the system accepts (also the spec schema's `runId`). */
export const RUN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

const STAMP_LENGTH = 14;

/** `yyyymmddHHMMss` in UTC. */
export function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, STAMP_LENGTH);
}

/**
 * Lower-cases a name and keeps letters, digits and single dashes, so that it can start a run id.
 *
 * @example
 * sanitiseRunIdStem('LSRTM_Layered v2') // 'lsrtm-layered-v2'
 */
export function sanitiseRunIdStem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `<spec-file-stem>-<yyyymmddHHMMss>`, sanitised and cut to fit {@link RUN_ID_PATTERN}. */
export function defaultRunId(specPath: string, now: Date): string {
  const stem = sanitiseRunIdStem(basename(specPath, extname(specPath)));
  const room = 40 - STAMP_LENGTH - 1;
  const head = stem.slice(0, room).replace(/-+$/, '');
  return head === '' ? `run-${timestamp(now)}` : `${head}-${timestamp(now)}`;
}

/** Throws a ValidationError naming `source` when `runId` is not a valid run id. */
export function assertRunId(runId: string, source: string): string {
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new ValidationError(
      `${source}: '${runId}'; expected lower-case letters, digits and dashes, starting with a letter or digit, at most 40 characters`,
    );
  }
  return runId;
}
