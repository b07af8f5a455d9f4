import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { roleCredentials } from '../../../scripts/local-cloud/iam/credentials';
import {
  FIXTURES,
  type FixtureCloud,
  startFixtureCloud,
  useCloudEnvironment,
  waitFor,
} from './support/cloud';

jest.setTimeout(60000);

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:';
const FLOW = `${ARN}lc-flow-local-flow`;
const HOLD = `${ARN}hold`;

describe('local cloud: Step Functions', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let sfn: SFNClient;

  beforeAll(async () => {
    fixture = await startFixtureCloud(['flow']);
    restoreEnv = useCloudEnvironment(fixture.cloud);
    sfn = new SFNClient({});
  });

  afterAll(async () => {
    sfn?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  async function run(name: string, input: object): Promise<DescribeExecutionCommandOutput> {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: FLOW, name, input: JSON.stringify(input) }),
    );
    return waitFor(
      `execution ${name}`,
      async () => {
        const out = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
        return out.status === 'RUNNING' ? undefined : out;
      },
      45000,
    );
  }

  async function history(executionArn: string | undefined): Promise<HistoryEvent[]> {
    const out = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return out.events ?? [];
  }

  it('runs Task, Choice, Wait, Map, Retry and Catch against the real handlers', async () => {
    const result = await run('big', { items: [1, 2, 3, 4], failures: 1, slowMs: 3000 });
    const events = await history(result.executionArn);
    const types = events.map((event) => event.type);
    const entered = events.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);

    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '{}')).toMatchObject({
      class: { size: 'big' },
      doubled: [2, 4, 6, 8],
      flaky: { calls: 2 },
      timeout: { Error: 'Sandbox.Timedout' },
    });
    expect(entered).toEqual([
      'Classify',
      'Route',
      'Pause',
      'Fanout',
      'Double',
      'Double',
      'Double',
      'Double',
      'Flaky',
      'Slow',
      'Done',
    ]);
    expect(types.filter((type) => type === 'MapIterationStarted')).toHaveLength(4);
    expect(types.filter((type) => type === 'LambdaFunctionFailed')).toHaveLength(2);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(events.map((event) => event.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('skips the Wait for small input and fails with the error a Catch target throws', async () => {
    const result = await run('small', { items: [5], failures: 5, slowMs: 0 });
    const entered = (await history(result.executionArn)).flatMap(
      (event) => event.stateEnteredEventDetails?.name ?? [],
    );

    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('RejectedError');
    expect(JSON.parse(result.cause ?? '{}')).toMatchObject({
      errorType: 'RejectedError',
      errorMessage: 'gave up after TransientError',
    });
    expect(entered).not.toContain('Pause');
    expect(entered).toContain('Rejected');
  });

  it('stops an execution, lists it as ABORTED, and answers StartExecution idempotently', async () => {
    const input = JSON.stringify({ hold: true });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: HOLD, name: 'held', input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: HOLD, name: 'held', input }));
    const clash = sfn.send(new StartExecutionCommand({ stateMachineArn: HOLD, name: 'held', input: '{}' }));

    await sfn.send(
      new StopExecutionCommand({ executionArn: first.executionArn, error: 'Manual', cause: 'test' }),
    );
    const stopped = await waitFor('ABORTED', async () => {
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
      return out.status === 'ABORTED' ? out : undefined;
    });
    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: HOLD, statusFilter: 'ABORTED' }),
    );

    expect(again.executionArn).toBe(first.executionArn);
    await expect(clash).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    expect(stopped).toMatchObject({ error: 'Manual', cause: 'test' });
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(listed.executions?.map((execution) => execution.name)).toEqual(['held']);
    expect((await history(first.executionArn)).at(-1)?.type).toBe('ExecutionAborted');
  });

  it('pages the history and reports unknown executions as ExecutionDoesNotExist', async () => {
    const result = await run('paged', { items: [1], failures: 0, slowMs: 0 });
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: result.executionArn, maxResults: 3 }),
    );
    const next = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: result.executionArn,
        maxResults: 3,
        nextToken: page.nextToken,
      }),
    );
    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: result.executionArn, reverseOrder: true }),
    );

    expect(page.events?.map((event) => event.id)).toEqual([1, 2, 3]);
    expect(next.events?.map((event) => event.id)).toEqual([4, 5, 6]);
    expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${FLOW.replace(':stateMachine:', ':execution:')}:nope`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('lists the machines of the services and of the state-machine folder, variables resolved', async () => {
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    const hold = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: HOLD }));

    expect(machines.stateMachines?.map((machine) => machine.name).sort()).toEqual([
      'hold',
      'lc-flow-local-flow',
    ]);
    expect(JSON.parse(hold.definition ?? '{}').States.Held.Result).toEqual({ stage: 'local' });
  });
});

/**
 * Callback machines, written next to a copy of the fixture folder's `hold.yml`: `callback` hands its
 * token to a fixture function and loops while the answer says `again`; `callbackTimeout` gives up
 * after 2 s.
 */
function callbackMachines(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seisless-lc-callback-'));
  copyFileSync(join(FIXTURES, 'state-machines', 'hold.yml'), join(dir, 'hold.yml'));
  const ask = (more: object) => ({
    Type: 'Task',
    Resource: 'arn:#{AWS::Partition}:states:::lambda:invoke.waitForTaskToken',
    Parameters: {
      FunctionName: 'arn:aws:lambda:#{AWS::Region}:#{AWS::AccountId}:function:lc-flow-local-warmth',
      Payload: { 'runId.$': '$.runId', 'taskToken.$': '$$.Task.Token' },
    },
    ResultPath: '$.answer',
    ...more,
  });
  const callback = {
    StartAt: 'Ask',
    States: {
      Ask: ask({
        Catch: [{ ErrorEquals: ['ShotFailed'], ResultPath: '$.error', Next: 'Caught' }],
        Next: 'Again',
      }),
      Again: {
        Type: 'Choice',
        Choices: [{ Variable: '$.answer.again', BooleanEquals: true, Next: 'Ask' }],
        Default: 'Done',
      },
      Done: { Type: 'Succeed' },
      Caught: { Type: 'Pass', End: true },
    },
  };
  const timeout = {
    StartAt: 'Ask',
    States: {
      Ask: ask({
        TimeoutSeconds: 2,
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'Late' }],
        End: true,
      }),
      Late: { Type: 'Pass', End: true },
    },
  };
  writeFileSync(join(dir, 'callback.json'), JSON.stringify(callback));
  writeFileSync(join(dir, 'callbackTimeout.json'), JSON.stringify(timeout));
  return dir;
}

describe('local cloud: Step Functions callback tasks (lambda:invoke.waitForTaskToken)', () => {
  let fixture: FixtureCloud;
  let machines: string;
  let restoreEnv: () => void;
  let sfn: SFNClient;

  beforeAll(async () => {
    machines = callbackMachines();
    fixture = await startFixtureCloud(['flow'], { stateMachineDir: machines });
    restoreEnv = useCloudEnvironment(fixture.cloud);
    sfn = new SFNClient({});
  });

  afterAll(async () => {
    sfn?.destroy();
    restoreEnv?.();
    await fixture?.close();
    if (machines) rmSync(machines, { recursive: true, force: true });
  });

  const start = async (machine: string, name: string) =>
    (
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn: `${ARN}${machine}`, name, input: '{"runId":"r1"}' }),
      )
    ).executionArn as string;

  async function events(executionArn: string): Promise<HistoryEvent[]> {
    const out = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return out.events ?? [];
  }

  /** The token of the n-th (1-based) entry of the callback Task, once its function was invoked. */
  const token = (executionArn: string, n: number) =>
    waitFor(`entry ${n} of the callback task`, async () => {
      const history = await events(executionArn);
      if (history.filter((event) => event.type === 'TaskSubmitted').length < n) return undefined;
      const scheduled = history.filter((event) => event.type === 'TaskScheduled')[n - 1];
      const parameters = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}');
      return parameters.Payload.taskToken as string;
    });

  const finished = (executionArn: string) =>
    waitFor('the execution to end', async () => {
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return out.status === 'RUNNING' ? undefined : out;
    });

  it('continues with the output SendTaskSuccess sends, a fresh token for each entry of the task', async () => {
    const executionArn = await start('callback', 'loop');

    const first = await token(executionArn, 1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: first, output: '{"again":true}' }));
    const second = await token(executionArn, 2);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: second, output: '{"again":false,"shot":7}' }));
    const result = await finished(executionArn);
    const again = await sfn
      .send(new SendTaskSuccessCommand({ taskToken: second, output: '{}' }))
      .catch((error: unknown) => error);
    const types = (await events(executionArn)).map((event) => event.type);

    expect(second).not.toBe(first);
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '{}')).toEqual({ runId: 'r1', answer: { again: false, shot: 7 } });
    expect(again).toMatchObject({ name: 'TaskTimedOut', $metadata: { httpStatusCode: 400 } });
    expect(types.filter((type) => type === 'TaskSucceeded')).toHaveLength(2);
    expect(types.slice(1, 7)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
  });

  it('fails the task with the error SendTaskFailure names, for Catch', async () => {
    const executionArn = await start('callback', 'failed');

    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: await token(executionArn, 1),
        error: 'ShotFailed',
        cause: 'shot 3',
      }),
    );
    const result = await finished(executionArn);

    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '{}').error).toEqual({ Error: 'ShotFailed', Cause: 'shot 3' });
  });

  it('times out after TimeoutSeconds with States.Timeout, for Catch', async () => {
    const executionArn = await start('callbackTimeout', 'silent');

    const result = await finished(executionArn);
    const types = (await events(executionArn)).map((event) => event.type);

    expect(JSON.parse(result.output ?? '{}').error).toMatchObject({ Error: 'States.Timeout' });
    expect(types).toContain('TaskTimedOut');
  });

  it('answers InvalidToken for a token it never issued', async () => {
    const forged = sfn.send(new SendTaskSuccessCommand({ taskToken: 'AQforged', output: '{}' }));

    await expect(forged).rejects.toMatchObject({ name: 'InvalidToken', $metadata: { httpStatusCode: 400 } });
  });

  it('denies SendTaskSuccess to a role not granted it on the state machine that issued the token', async () => {
    const executionArn = await start('callback', 'denied');
    const taskToken = await token(executionArn, 1);
    const { wiring, endpoints, region } = fixture.cloud;
    const functionRole = wiring.functions[0]?.roleArn as string;
    const asFunction = new SFNClient({
      region,
      endpoint: endpoints.sfn,
      credentials: roleCredentials(functionRole, 'lc-flow-local-warmth'),
    });
    const roleName = functionRole.split('/').at(-1);

    const denied = asFunction.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));

    await expect(denied).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::000000000000:assumed-role/${roleName}/lc-flow-local-warmth is not authorized to perform: states:SendTaskSuccess on resource: ${ARN}callback because no identity-based policy allows the states:SendTaskSuccess action`,
    });
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"again":false}' }));
    expect((await finished(executionArn)).status).toBe('SUCCEEDED');
    asFunction.destroy();
  });
});
