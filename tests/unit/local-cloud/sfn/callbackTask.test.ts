import type { InvokeResult } from '../../../../scripts/local-cloud/lambda/service';
import type { SfnContext } from '../../../../scripts/local-cloud/sfn/actions/context';
import { SendTaskFailure } from '../../../../scripts/local-cloud/sfn/actions/SendTaskFailure';
import { SendTaskHeartbeat } from '../../../../scripts/local-cloud/sfn/actions/SendTaskHeartbeat';
import { SendTaskSuccess } from '../../../../scripts/local-cloud/sfn/actions/SendTaskSuccess';
import { SfnRunner } from '../../../../scripts/local-cloud/sfn/runner';
import { type Execution, SfnStore } from '../../../../scripts/local-cloud/sfn/store';
import type { StateMachineDef } from '../../../../scripts/local-cloud/wiring/model';

type Dict = Record<string, unknown>;

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:callback';

/** A `.waitForTaskToken` Task handing the token to `notify`, with Catchers for each kind of ending. */
function callbackState(more: Dict = {}): Dict {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:notify',
      Payload: { 'runId.$': '$.runId', 'taskToken.$': '$$.Task.Token' },
    },
    ResultPath: '$.answer',
    Catch: [
      { ErrorEquals: ['ShotFailed'], ResultPath: '$.error', Next: 'Failed' },
      { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'TaskFailed' },
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' },
    ],
    Next: 'Done',
    ...more,
  };
}

const ENDS = Object.fromEntries(
  ['Done', 'Failed', 'TaskFailed', 'TimedOut'].map((name) => [name, { Type: 'Pass', End: true }]),
);

/** Records the events `notify` was invoked with; answers each with `answer` (accepted by default). */
function fakeLambda(
  answer: () => InvokeResult = () => ({ ok: true, payload: { queued: true }, requestId: 'r' }),
) {
  const events: Dict[] = [];
  let wake = (): void => undefined;
  return {
    events,
    invoke: async (_name: string, event: unknown): Promise<InvokeResult> => {
      events.push(event as Dict);
      wake();
      return answer();
    },
    /** The token of the n-th invocation (0-based), once it happened. */
    async token(n: number): Promise<string> {
      while (events.length <= n) await new Promise<void>((resolve) => (wake = resolve));
      return String(events[n]?.taskToken);
    },
  };
}

async function started(definition: Dict, lambda = fakeLambda(), input: Dict = { runId: 'r1' }) {
  const machine = { name: 'callback', arn: MACHINE, definition, source: 'test', roleArn: '' };
  const store = new SfnStore([machine as StateMachineDef]);
  const runner = await SfnRunner.create(store, {
    invoke: lambda.invoke,
    has: (name) => name === 'notify',
    timeoutOf: () => 3,
  });
  const execution = runner.start(machine, 'e1', JSON.stringify(input));
  return { ctx: { store, runner } as SfnContext, execution, lambda };
}

const outputOf = (execution: Execution): Dict => JSON.parse(execution.output ?? 'null') as Dict;
const types = (execution: Execution): string[] => execution.events.map((event) => event.type);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a lambda:invoke.waitForTaskToken Task', () => {
  it('invokes the function with the token and continues with the output SendTaskSuccess sends', async () => {
    const { ctx, execution, lambda } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState(), ...ENDS },
    });

    const token = await lambda.token(0);
    await sleep(10);
    const answered = SendTaskSuccess({ taskToken: token, output: '{"picked":3}' }, ctx);
    await execution.done;

    expect(answered).toEqual({});
    expect(lambda.events[0]).toEqual({ runId: 'r1', taskToken: token });
    expect(token).toMatch(/^AQ[A-Za-z0-9_-]{128}$/);
    expect(execution.status).toBe('SUCCEEDED');
    expect(outputOf(execution)).toEqual({ runId: 'r1', answer: { picked: 3 } });
    expect(types(execution)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(execution.events[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      region: 'us-east-1',
      parameters: JSON.stringify({
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:notify',
        Payload: { runId: 'r1', taskToken: token },
      }),
    });
  });

  it('fails with the error SendTaskFailure names, which Catch matches', async () => {
    const { ctx, execution, lambda } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState(), ...ENDS },
    });

    SendTaskFailure({ taskToken: await lambda.token(0), error: 'ShotFailed', cause: 'shot 7' }, ctx);
    await execution.done;

    expect(outputOf(execution).error).toEqual({ Error: 'ShotFailed', Cause: 'shot 7' });
    expect(execution.events.find((event) => event.type === 'TaskFailed')?.taskFailedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'ShotFailed',
      cause: 'shot 7',
    });
  });

  it('fails with the Lambda error, not waiting, when the invocation fails', async () => {
    const lambda = fakeLambda(() => ({
      ok: false,
      error: { errorType: 'ShotFailed', errorMessage: 'no such shot' },
      requestId: 'r',
    }));
    const { ctx, execution } = await started(
      { StartAt: 'Ask', States: { Ask: callbackState(), ...ENDS } },
      lambda,
    );

    await execution.done;
    const late = () => SendTaskSuccess({ taskToken: String(lambda.events[0]?.taskToken), output: '{}' }, ctx);

    expect(outputOf(execution).error).toEqual({
      Error: 'ShotFailed',
      Cause: JSON.stringify({ errorMessage: 'no such shot', errorType: 'ShotFailed' }),
    });
    expect(types(execution)).toContain('TaskFailed');
    expect(types(execution)).not.toContain('TaskSubmitted');
    expect(late).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('times out after TimeoutSeconds with States.Timeout, which States.TaskFailed does not catch', async () => {
    const { ctx, execution, lambda } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState({ TimeoutSeconds: 1 }), ...ENDS },
    });

    const token = await lambda.token(0);
    await execution.done;

    expect(outputOf(execution).error).toMatchObject({ Error: 'States.Timeout' });
    expect(execution.events.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails).toEqual(
      {
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        error: 'States.Timeout',
      },
    );
    expect(() => SendTaskSuccess({ taskToken: token, output: '{}' }, ctx)).toThrow(
      expect.objectContaining({ code: 'TaskTimedOut' }),
    );
  });

  it('reads TimeoutSecondsPath and HeartbeatSecondsPath from the state input, as AWS does', async () => {
    const paths = { TimeoutSecondsPath: '$.limits.timeout', HeartbeatSecondsPath: '$.limits.heartbeat' };
    const { execution, lambda } = await started(
      { StartAt: 'Ask', States: { Ask: callbackState(paths), ...ENDS } },
      fakeLambda(),
      { runId: 'r1', limits: { timeout: 1, heartbeat: 5 } },
    );

    const token = await lambda.token(0);
    await execution.done;
    const scheduled = execution.events.find((event) => event.type === 'TaskScheduled');
    const details = scheduled?.taskScheduledEventDetails as { parameters?: string } | undefined;

    expect(outputOf(execution).error).toMatchObject({ Error: 'States.Timeout' });
    expect(lambda.events[0]).toEqual({ runId: 'r1', taskToken: token });
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({
      timeoutInSeconds: 1,
      heartbeatInSeconds: 5,
    });
    expect(JSON.parse(details?.parameters ?? 'null')).toEqual({
      FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:notify',
      Payload: { runId: 'r1', taskToken: token },
    });
  });

  it('fails with States.HeartbeatTimeout when no heartbeat comes within HeartbeatSeconds', async () => {
    const { execution } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState({ HeartbeatSeconds: 1 }), ...ENDS },
    });

    await execution.done;

    expect(outputOf(execution).error).toMatchObject({ Error: 'States.HeartbeatTimeout' });
    expect(types(execution)).toContain('TaskTimedOut');
  });

  it('keeps waiting past HeartbeatSeconds while heartbeats come', async () => {
    const { ctx, execution, lambda } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState({ HeartbeatSeconds: 1 }), ...ENDS },
    });

    const token = await lambda.token(0);
    for (let beat = 0; beat < 3; beat += 1) {
      await sleep(500);
      SendTaskHeartbeat({ taskToken: token }, ctx);
    }
    SendTaskSuccess({ taskToken: token, output: '"late"' }, ctx);
    await execution.done;

    expect(execution.status).toBe('SUCCEEDED');
    expect(outputOf(execution).answer).toBe('late');
  });

  it('answers a second answer with TaskTimedOut and unknown or malformed tokens with InvalidToken', async () => {
    const { ctx, execution, lambda } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState(), ...ENDS },
    });
    const token = await lambda.token(0);

    const unknown = () => SendTaskSuccess({ taskToken: `AQ${'x'.repeat(128)}`, output: '{}' }, ctx);
    const malformed = () => SendTaskHeartbeat({ taskToken: 'not-a-token' }, ctx);
    const notJson = () => SendTaskSuccess({ taskToken: token, output: '{oops' }, ctx);
    expect(unknown).toThrow(expect.objectContaining({ status: 400, code: 'InvalidToken' }));
    expect(malformed).toThrow(expect.objectContaining({ status: 400, code: 'InvalidToken' }));
    expect(notJson).toThrow(expect.objectContaining({ status: 400, code: 'InvalidOutput' }));
    SendTaskSuccess({ taskToken: token, output: '{}' }, ctx);
    const again = () => SendTaskSuccess({ taskToken: token, output: '{}' }, ctx);
    await execution.done;

    expect(again).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'TaskTimedOut',
        message: "Task Timed Out: 'Provided task does not exist anymore'",
      }),
    );
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('closes the token when the execution is stopped', async () => {
    const { ctx, execution, lambda } = await started({
      StartAt: 'Ask',
      States: { Ask: callbackState(), ...ENDS },
    });
    const token = await lambda.token(0);

    execution.abort('Manual', 'test');
    await execution.done;

    expect(execution.status).toBe('ABORTED');
    expect(() => SendTaskSuccess({ taskToken: token, output: '{}' }, ctx)).toThrow(
      expect.objectContaining({ code: 'TaskTimedOut' }),
    );
  });
});
