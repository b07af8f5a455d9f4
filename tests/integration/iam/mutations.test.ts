import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSpec } from '../workflow/runWorkflow';
import { mutatedProject, removeMutatedProjects, runOn } from './mutatedProject';

/** The smallest run: one iteration of two shots, one attempt per job. */
const spec = exampleSpec('lsrtm-layered', (s) => {
  s.algorithm = { kind: 'lsrtm', iterations: 1, batchSize: 2, step: { rule: 'fixed', value: 1e-6 } };
  s.acquisition = { ...(s.acquisition as object), sources: { count: 2, depthM: 20 } };
  s.compute = { ...(s.compute as object), retries: 1 };
});

const notAuthorized = (role: RegExp, action: string, resource: string) =>
  new RegExp(
    `assumed-role/${role.source}/[^ ]+ is not authorized to perform: ${action} on resource: ${resource.replace(/[.*]/g, '\\$&')}`,
  );

/** Every log of a folder, concatenated. */
function logs(dir: string): string {
  return readdirSync(dir)
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/** The local cloud's own log (every denial is logged once, as CloudTrail would show it). */
const cloudLog = (dataDir: string) => readFileSync(join(dataDir, 'local-cloud.log'), 'utf8');

afterAll(removeMutatedProjects);

describe('removing one needed permission makes the workflow fail with AccessDenied', () => {
  it(
    "a Lambda role: the iterator's s3:PutObject",
    async () => {
      const project = mutatedProject(
        'iterator',
        'Action: [s3:GetObject, s3:PutObject, s3:ListBucket]',
        'Action: [s3:GetObject, s3:ListBucket]',
      );

      const run = await runOn(project, spec, 'it-iam-lambda-role');

      // The handler sees S3's AccessDenied, as on AWS, and the execution fails.
      const denied = notAuthorized(
        /seisless-iterator-local-[^/]*lambdaRole/,
        's3:PutObject',
        'arn:aws:s3:::seisless-local-data/runs/it-iam-lambda-role/',
      );
      expect(run.exitCode).not.toBe(0);
      expect(logs(join(run.dataDir, 'lambda', 'logs'))).toMatch(
        new RegExp(`AccessDenied: User: .*${denied.source}`),
      );
      expect(cloudLog(run.dataDir)).toMatch(denied);
    },
    10 * 60_000,
  );

  it(
    "the state machine role: lambda:InvokeFunction on the first Task's function",
    async () => {
      const project = mutatedProject(
        'iterator',
        /^\s*- !Sub .*:function:seisless-iterator-.*-startRun\n/m,
        '',
      );

      const run = await runOn(project, spec, 'it-iam-machine-role');

      expect(run.exitCode).not.toBe(0);
      expect(cloudLog(run.dataDir)).toMatch(
        notAuthorized(
          /seisless-iterator-local-ImagingStateMachineRole-[^/]*/,
          'lambda:InvokeFunction',
          'arn:aws:lambda:us-east-1:000000000000:function:seisless-iterator-local-startRun',
        ),
      );
    },
    10 * 60_000,
  );

  it(
    "the Batch job role: the job's s3:PutObject",
    async () => {
      const project = mutatedProject(
        'submitter',
        // The job role's only [GetObject, PutObject] statement (the function role adds ListBucket).
        'Action: [s3:GetObject, s3:PutObject]\n',
        'Action: [s3:GetObject]\n',
      );

      const run = await runOn(project, spec, 'it-iam-job-role');

      expect(run.exitCode).not.toBe(0);
      // The task sees S3's AccessDenied (its message names action, resource and role), as on AWS.
      const denied = notAuthorized(
        /seisless-submitter-local-JobRole-[^/]*/,
        's3:PutObject',
        'arn:aws:s3:::seisless-local-data/runs/it-iam-job-role/',
      );
      expect(logs(join(run.dataDir, 'batch', 'logs'))).toMatch(
        new RegExp(`PutObject failed with AccessDenied \\(User: .*${denied.source}`),
      );
      expect(cloudLog(run.dataDir)).toMatch(denied);
    },
    10 * 60_000,
  );
});
