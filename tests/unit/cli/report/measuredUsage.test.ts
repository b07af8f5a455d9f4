import {
  callbackWaitsOf,
  lambdaComputeOfLogs,
  stateTransitionsOf,
} from '../../../../scripts/report/measuredUsage';

describe('lambdaComputeOfLogs', () => {
  it("sums each invocation's duration rounded up to the millisecond, at the function's memory", () => {
    const log = [
      'START RequestId: a Version: $LATEST',
      'END RequestId: a',
      'REPORT RequestId: a\tDuration: 12.30 ms',
      'START RequestId: b Version: $LATEST',
      'REPORT RequestId: b\tDuration: 7.00 ms',
      '',
    ].join('\n');
    expect(
      lambdaComputeOfLogs({ reduce: log }, { reduce: { memoryMb: 1769, architecture: 'arm64' } }),
    ).toEqual({
      reduce: { billedMs: 13 + 7, memoryMb: 1769, architecture: 'arm64' },
    });
  });

  it("takes CloudWatch's billed duration and memory size when the line has them", () => {
    const log =
      'REPORT RequestId: c\tDuration: 100.51 ms\tBilled Duration: 101 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB\n';
    expect(lambdaComputeOfLogs({ submit: log }, {})).toEqual({
      submit: { billedMs: 101, memoryMb: 512, architecture: 'x86_64' },
    });
  });

  it('leaves out a function whose memory is unknown, and counts 0 for an idle one', () => {
    const b = { memoryMb: 128, architecture: 'x86_64' } as const;
    expect(lambdaComputeOfLogs({ a: 'REPORT RequestId: x\tDuration: 1 ms\n', b: '' }, { b })).toEqual({
      b: { billedMs: 0, ...b },
    });
  });
});

describe('stateTransitionsOf', () => {
  it('counts the states entered, whatever their type', () => {
    const events = [
      { type: 'ExecutionStarted' },
      { type: 'TaskStateEntered' },
      { type: 'TaskStateExited' },
      { type: 'MapStateEntered' },
      { type: 'ChoiceStateEntered' },
      { type: 'ExecutionSucceeded' },
      {},
    ];
    expect(stateTransitionsOf(events)).toBe(3);
  });
});

describe('callbackWaitsOf', () => {
  it('counts the callback waits a signal ended and those that ran out, nothing else', () => {
    const callback = { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' };
    const events = [
      { type: 'TaskStateEntered' },
      { type: 'TaskSucceeded', taskSucceededEventDetails: { ...callback, output: '{}' } },
      { type: 'TaskSucceeded', taskSucceededEventDetails: { ...callback, output: '{}' } },
      { type: 'TaskTimedOut', taskTimedOutEventDetails: { ...callback, error: 'States.Timeout' } },
      // a plain optimised Lambda call is not a wait
      { type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke' } },
      { type: 'LambdaFunctionSucceeded' },
    ];

    expect(callbackWaitsOf(events)).toEqual({ woken: 2, timedOut: 1 });
  });
});
