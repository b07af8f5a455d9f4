import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processDeps } from '../../../scripts/cli/deps';
import { main } from '../../../scripts/cli/main';
import { exampleSpec, repoRoot } from '../workflow/runWorkflow';
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

/** The one line `seisless` ends with on stderr: what the person sees. */
const lastLine = (stderr: string) => stderr.trim().split('\n').at(-1) ?? '';

/** `seisless status <runId>` in a new session of the mutated project's cloud (which forgot its executions). */
async function statusOn(project: string, dataDir: string, runId: string) {
  const err: string[] = [];
  const deps = {
    ...processDeps(repoRoot, {
      dataDir,
      localCloud: {
        serviceDirs: ['gradient-reducer', 'iterator', 'line-search', 'submitter'].map((name) =>
          join(project, 'services', name),
        ),
        stateMachineDir: join(project, 'state-machines'),
      },
    }),
    stdout: () => undefined,
    stderr: (text: string) => {
      err.push(text);
    },
    interactive: false,
  };
  const exitCode = await main(['status', runId], deps);
  return { exitCode, stderr: err.join('') };
}

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
      expect(run.exitCode).toBe(1);
      // The person sees the handler's AccessDenied (not the state.json it could not write) in one line.
      expect(lastLine(run.stderr)).toMatch(
        new RegExp(
          `^seisless: error: run it-iam-lambda-role failed in StartRun: AccessDenied: User: .*${denied.source}`,
        ),
      );
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

      const denied = notAuthorized(
        /seisless-iterator-local-ImagingStateMachineRole-[^/]*/,
        'lambda:InvokeFunction',
        'arn:aws:lambda:us-east-1:000000000000:function:seisless-iterator-local-startRun',
      );
      expect(cloudLog(run.dataDir)).toMatch(denied);
      // The run never wrote its state; the person sees the execution's error, as Step Functions reports it.
      const seen = new RegExp(
        `^seisless: error: run it-iam-machine-role failed in StartRun: Lambda.AWSLambdaException: User: .*${denied.source}.*AccessDeniedException`,
      );
      expect(run.exitCode).toBe(1);
      expect(lastLine(run.stderr)).toMatch(seen);
      // And `seisless status` says the same later, though the local cloud has forgotten the execution.
      const status = await statusOn(project, run.dataDir, 'it-iam-machine-role');
      expect(status.exitCode).toBe(1);
      expect(status.stderr.trim()).toMatch(seen);
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

      expect(run.exitCode).toBe(1);
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
