import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type FixtureCloud, startFixtureCloud, useCloudEnvironment, waitFor } from './support/cloud';

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
