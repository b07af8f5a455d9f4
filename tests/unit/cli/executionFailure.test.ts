import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { failureFromHistory, failureLine, isRunExecutionName } from '../../../scripts/cli/executionFailure';

/** History events as the local cloud and Step Functions write them (ids and times left out). */
const entered = (name: string, input: unknown = {}) =>
  ({
    type: 'TaskStateEntered',
    stateEnteredEventDetails: { name, input: JSON.stringify(input) },
  }) as HistoryEvent;
const lambdaFailed = (error: string, cause: string) =>
  ({ type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: { error, cause } }) as HistoryEvent;
const lambdaSucceeded = { type: 'LambdaFunctionSucceeded' } as HistoryEvent;
const executionFailed = (error: string, cause: string) =>
  ({ type: 'ExecutionFailed', executionFailedEventDetails: { error, cause } }) as HistoryEvent;

const denial =
  'User: arn:aws:sts::000000000000:assumed-role/seisless-iterator-local-ImagingStateMachineRole-AB12/states is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:seisless-iterator-local-startRun (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: 1; Proxy: null)';
const missingState = JSON.stringify({
  errorType: 'InputError',
  errorMessage: 's3://seisless-local-data/runs/r1/state.json: no such object',
});

/** StartRun denied (first try and one retry), caught into HasJobs, then RecordFailure fails: no state. */
const deniedStartRun: HistoryEvent[] = [
  { type: 'ExecutionStarted' } as HistoryEvent,
  entered('StartRun', { runId: 'r1' }),
  lambdaFailed('Lambda.AWSLambdaException', denial),
  lambdaFailed('Lambda.AWSLambdaException', denial),
  entered('HasJobs', { runId: 'r1', error: { Error: 'Lambda.AWSLambdaException', Cause: denial } }),
  entered('RecordFailure', { runId: 'r1', error: { Error: 'Lambda.AWSLambdaException', Cause: denial } }),
  lambdaFailed('InputError', missingState),
  executionFailed('InputError', missingState),
];

describe('failureFromHistory', () => {
  it('finds the error the machine caught and the state it came from, not RecordFailure’s own failure', () => {
    expect(failureFromHistory(deniedStartRun)).toEqual({
      state: 'StartRun',
      error: { Error: 'Lambda.AWSLambdaException', Cause: denial },
    });
  });

  it('blames the state whose failure was caught, not an earlier retried one nor CancelJobs after it', () => {
    const transient = JSON.stringify({ errorType: 'TransientError', errorMessage: 'throttled' });
    const s3Denied = JSON.stringify({
      errorType: 'AccessDenied',
      errorMessage:
        'User: arn:aws:sts::000000000000:assumed-role/seisless-iterator-local-lambdaRole/seisless-iterator-local-selectBatch is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::seisless-local-data/runs/r1/batches/1.json',
    });
    const events = [
      entered('StartRun'),
      lambdaFailed('TransientError', transient),
      lambdaSucceeded,
      entered('SelectBatch'),
      lambdaFailed('AccessDenied', s3Denied),
      entered('HasJobs', { error: { Error: 'AccessDenied', Cause: s3Denied } }),
      entered('CancelJobs', { error: { Error: 'AccessDenied', Cause: s3Denied }, jobs: {} }),
      lambdaFailed('Lambda.AWSLambdaException', 'cancel denied'),
    ];

    expect(failureFromHistory(events)).toEqual({
      state: 'SelectBatch',
      error: { Error: 'AccessDenied', Cause: s3Denied },
    });
  });

  it("without a Catch, is the execution's failure in the last state entered", () => {
    const events = [entered('Finish'), executionFailed('States.Runtime', 'JSONPath $.run.runId not found')];

    expect(failureFromHistory(events)).toEqual({
      state: 'Finish',
      error: { Error: 'States.Runtime', Cause: 'JSONPath $.run.runId not found' },
    });
  });

  it('is undefined for a history without a failure', () => {
    expect(failureFromHistory([entered('StartRun'), lambdaSucceeded])).toBeUndefined();
  });
});

describe('failureLine', () => {
  it('is one line naming the run, the state, the error and its message (a Lambda Cause unwrapped)', () => {
    expect(failureLine('r1', 'FAILED', failureFromHistory(deniedStartRun))).toBe(
      `run r1 failed in StartRun: Lambda.AWSLambdaException: ${denial}`,
    );
    expect(
      failureLine('r1', 'TIMED_OUT', {
        error: { Error: 'AccessDenied', Cause: '{"errorMessage":"User: x\\nis"}' },
      }),
    ).toBe('run r1 timed_out: AccessDenied: User: x is');
  });
});

describe('failureLine of failed jobs', () => {
  it('lists each shot with its reason and ends with what to fix when a job refused its input', () => {
    const cause = JSON.stringify({
      errorType: 'JobsFailedError',
      errorMessage:
        'observe jobs of run r1, iteration 0: 1 of 2 failed: shot 1 (job j:1) bad-input: s3://b/m.npy: shape [31, 41]; expected shape [41, 31]',
    });

    expect(
      failureLine('r1', 'FAILED', { state: 'CheckJobs', error: { Error: 'JobsFailedError', Cause: cause } }),
    ).toBe(
      'run r1 failed in CheckJobs: JobsFailedError: observe jobs of run r1, iteration 0: 1 of 2 failed: ' +
        'shot 1 (job j:1) bad-input: s3://b/m.npy: shape [31, 41]; expected shape [41, 31] — ' +
        'to fix: s3://b/m.npy (refused by the jobs above, each naming what it expected); a resume would fail the same way until then',
    );
  });

  it('ends with the bug to report when a job failed with an internal error', () => {
    const error = {
      Error: 'JobsFailedError',
      Cause: 'gradient jobs of run r1, iteration 1: 1 of 2 failed: shot 0 (job j:0) internal: KeyError: nbl',
    };

    expect(failureLine('r1', 'FAILED', { error })).toBe(
      `run r1 failed: JobsFailedError: ${error.Cause} — to report: the internal error of shot 0 is a bug in seisless, not your input (the error above, with the job's log); a resume reruns the same code on the same input and would most likely fail the same way: resume (seisless resume r1) once a fixed version is deployed`,
    );
  });

  it('adds nothing when the jobs failed for a transient reason', () => {
    const error = {
      Error: 'JobsFailedError',
      Cause: 'gradient jobs of run r1, iteration 1: 1 of 2 failed: shot 0 (job j:0) transient: exit code 137',
    };

    expect(failureLine('r1', 'FAILED', { error })).toBe(`run r1 failed: JobsFailedError: ${error.Cause}`);
  });
});

describe('isRunExecutionName', () => {
  it('matches the names run, resume and an S3 upload give, and not those of a longer run id', () => {
    expect(isRunExecutionName('demo-20250304050607', 'demo')).toBe(true);
    expect(isRunExecutionName('demo-resume-20250304050607', 'demo')).toBe(true);
    expect(isRunExecutionName('demo-1741064767000', 'demo')).toBe(true);
    expect(isRunExecutionName('demo-2-20250304050607', 'demo')).toBe(false);
    expect(isRunExecutionName('demo2-20250304050607', 'demo')).toBe(false);
  });
});
