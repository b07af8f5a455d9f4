import {
  type JobFailureRecord,
  jobFailureKey,
  kindOfExitCode,
  parseJobFailureRecord,
  runKeys,
} from '@seisless/core';

const record: JobFailureRecord = {
  version: 1,
  task: 'observe',
  shot: 2,
  kind: 'bad-input',
  reason: 's3://b/m.npy: shape [31, 41]; expected shape [41, 31]',
  subject: 's3://b/m.npy',
  error: 'InputError',
  exitCode: 2,
  jobId: 'j:2',
  attempt: 1,
  failedAt: '2026-12-06T05:00:00.123Z',
};

describe('jobFailureKey', () => {
  it('puts the record beside the iteration outputs, named after the task file and the shot', () => {
    expect(jobFailureKey(runKeys('demo').task(3, 'objective-1'), 4)).toBe(
      'runs/demo/iterations/3/failures/objective-1-shot-4.json',
    );
    expect(jobFailureKey(runKeys('demo').task(0, 'model'))).toBe(runKeys('demo').jobFailure(0, 'model'));
  });

  it('is undefined for a task key outside the run layout', () => {
    expect(jobFailureKey('elsewhere/task.json', 1)).toBeUndefined();
  });
});

describe('kindOfExitCode', () => {
  it('follows the jobs contract: 2 bad input, 70 internal, others transient', () => {
    expect([2, 70, 1, 137].map(kindOfExitCode)).toEqual(['bad-input', 'internal', 'transient', 'transient']);
  });
});

describe('parseJobFailureRecord', () => {
  it('accepts a record of the contract', () => {
    expect(parseJobFailureRecord(record)).toEqual(record);
  });

  it('refuses a reason of several lines, an unknown kind or field, and a time with an offset', () => {
    expect(parseJobFailureRecord({ ...record, reason: 'a\nb' })).toBeUndefined();
    expect(parseJobFailureRecord({ ...record, kind: 'fatal' })).toBeUndefined();
    expect(parseJobFailureRecord({ ...record, extra: 1 })).toBeUndefined();
    expect(parseJobFailureRecord({ ...record, failedAt: '2026-12-06T05:00:00+01:00' })).toBeUndefined();
  });
});
