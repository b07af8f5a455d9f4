import { join } from 'node:path';
import {
  assertPreflightPassed,
  describeJobMemory,
  fileObjectBytes,
  type ObjectBytes,
  preflightRunSpec,
  type RunSpec,
} from '@seisless/core';
import type { CliDeps } from './deps';
import { bucketName } from './session';

/**
 * The local cloud's bucket as files, read without starting the cloud: its S3 (s3rver) keeps
 * every object at `<dataDir>/s3/<bucket>/<key>._S3rver_object`.
 */
export function localBucketObjects(dataDir: string, stage: string): ObjectBytes {
  const bucket = bucketName(stage);
  const files = fileObjectBytes((key) => join(dataDir, 's3', bucket, `${key}._S3rver_object`));
  return { ...files, describe: (key) => `s3://${bucket}/${key} (local cloud)` };
}

/**
 * Runs every pre-submission check of `spec` (with the objects it names), prints each job kind's
 * memory estimate and the warnings on stderr, and refuses the run with one line naming every
 * problem. Nothing is started or written.
 */
export async function checkBeforeSubmission(
  spec: RunSpec,
  objects: ObjectBytes,
  specPath: string,
  deps: CliDeps,
): Promise<void> {
  const started = Date.now();
  const report = await preflightRunSpec(spec, objects);
  if (report.memory.length > 0) {
    deps.stderr(
      `seisless: memory per job (estimate; compute.memoryMiB ${spec.compute.memoryMiB}): ${describeJobMemory(report.memory)}\n`,
    );
  }
  for (const warning of report.warnings) deps.stderr(`seisless: warning: ${warning}\n`);
  assertPreflightPassed(report, specPath);
  if (deps.interactive) deps.stderr(`seisless: spec checked in ${Date.now() - started} ms\n`);
}
