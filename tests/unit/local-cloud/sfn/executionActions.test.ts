import type { SfnContext } from '../../../../scripts/local-cloud/sfn/actions/context';
import { DescribeExecution } from '../../../../scripts/local-cloud/sfn/actions/DescribeExecution';
import { ListExecutions } from '../../../../scripts/local-cloud/sfn/actions/ListExecutions';
import { type Execution, SfnStore } from '../../../../scripts/local-cloud/sfn/store';
import type { StateMachineDef } from '../../../../scripts/local-cloud/wiring/model';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:seisless-iterator-local-imaging';

function execution(name: string, startDate: number, more: Partial<Execution> = {}): Execution {
  return {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:seisless-iterator-local-imaging:${name}`,
    stateMachineArn: MACHINE,
    name,
    status: 'RUNNING',
    startDate,
    input: '{"runId":"demo"}',
    events: [],
    done: Promise.resolve(),
    abort: () => undefined,
    ...more,
  };
}

function context(...executions: Execution[]): SfnContext {
  const store = new SfnStore([{ arn: MACHINE } as StateMachineDef]);
  for (const e of executions) store.executions.set(e.executionArn, e);
  return { store } as SfnContext;
}

describe('the local Step Functions execution actions', () => {
  const first = execution('first', 1_000, {
    status: 'FAILED',
    stopDate: 2_500,
    error: 'RunFailed',
    cause: 'shot 3',
  });
  const second = execution('second', 3_000);

  it("list a machine's executions newest first, times in epoch seconds", () => {
    const { executions } = ListExecutions({ stateMachineArn: MACHINE }, context(first, second));

    expect(executions).toEqual([
      {
        executionArn: second.executionArn,
        stateMachineArn: MACHINE,
        name: 'second',
        status: 'RUNNING',
        startDate: 3,
        stopDate: undefined,
      },
      {
        executionArn: first.executionArn,
        stateMachineArn: MACHINE,
        name: 'first',
        status: 'FAILED',
        startDate: 1,
        stopDate: 2.5,
      },
    ]);
  });

  it('describe one execution with the listed fields, its input, output and error', () => {
    const described = DescribeExecution({ executionArn: first.executionArn }, context(first, second));

    expect(described).toEqual({
      executionArn: first.executionArn,
      stateMachineArn: MACHINE,
      name: 'first',
      status: 'FAILED',
      startDate: 1,
      stopDate: 2.5,
      input: '{"runId":"demo"}',
      inputDetails: { included: true },
      output: undefined,
      outputDetails: undefined,
      error: 'RunFailed',
      cause: 'shot 3',
    });
  });
});
