import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSpec } from '../workflow/runWorkflow';
import { mutatedProject, runOn } from './mutatedProject';

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

/** Every Batch job log of a data folder, concatenated. */
function jobLogs(dataDir: string): string {
  const dir = join(dataDir, 'batch', 'logs');
  return readdirSync(dir)
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

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

      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toMatch(
        notAuthorized(
          /seisless-iterator-local-[^/]*lambdaRole/,
          's3:PutObject',
          'arn:aws:s3:::seisless-local-data/runs/it-iam-lambda-role/',
        ),
      );
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
      expect(run.stderr).toContain('Lambda.AWSLambdaException');
      expect(run.stderr).toMatch(
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
      expect(jobLogs(run.dataDir)).toMatch(
        notAuthorized(
          /seisless-submitter-local-JobRole-[^/]*/,
          's3:PutObject',
          'arn:aws:s3:::seisless-local-data/runs/it-iam-job-role/',
        ),
      );
    },
    10 * 60_000,
  );
});
