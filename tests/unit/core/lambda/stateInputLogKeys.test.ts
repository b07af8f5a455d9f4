import { stateInputLogKeys } from '@seisless/core';

const jobsRef = (iteration: number) => ({
  runId: 'demo',
  iteration,
  kind: 'gradient',
  jobIds: ['j'],
  shots: [1, 2],
});

describe('stateInputLogKeys', () => {
  it('reads runId and iteration from a task input', () => {
    expect(stateInputLogKeys({ runId: 'demo', iteration: 4, kind: 'gradient', shots: [1, 2] })).toEqual({
      runId: 'demo',
      iteration: 4,
    });
  });

  it('reads them from the JobsRef a progress input carries', () => {
    expect(stateInputLogKeys({ jobs: jobsRef(2), failOnError: true })).toEqual({
      runId: 'demo',
      iteration: 2,
    });
  });

  it('folds several JobsRefs of a cancel input', () => {
    expect(stateInputLogKeys({ runId: 'demo', jobs: [jobsRef(1), jobsRef(3)] })).toEqual({
      runId: 'demo',
      iterations: [1, 3],
    });
  });

  it('names nothing for an input without them', () => {
    expect(stateInputLogKeys({ spec: {} })).toEqual({});
    expect(stateInputLogKeys(undefined)).toEqual({});
  });
});
