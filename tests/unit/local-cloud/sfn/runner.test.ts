import '../../../../scripts/local-cloud/polyfills';
import { StateMachine } from 'aws-local-stepfunctions';
import { withTaskTimeouts } from '../../../../scripts/local-cloud/sfn/runner';

const definition = {
  StartAt: 'Update',
  States: {
    Update: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:update',
      Parameters: { 'runId.$': '$.runId', gradients: { 'submittedAt.$': '$.check.submittedAt' } },
      End: true,
    },
  },
};

describe('withTaskTimeouts', () => {
  it("gives every Task without a timeout its function's timeout plus a margin", () => {
    const copy = withTaskTimeouts(definition, (name) => (name === 'update' ? 30 : undefined));

    expect((copy.States as Record<string, { TimeoutSeconds?: number }>).Update?.TimeoutSeconds).toBe(35);
    expect((definition.States.Update as { TimeoutSeconds?: number }).TimeoutSeconds).toBeUndefined();
  });

  it('lets a .waitForTaskToken Task without a timeout wait as long as its execution may run', () => {
    const waiting = (limit: Record<string, number>) => ({
      ...limit,
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    const timeoutOf = (copy: Record<string, unknown>) =>
      (copy.States as Record<string, { TimeoutSeconds?: number }>).Ask?.TimeoutSeconds;

    expect(timeoutOf(withTaskTimeouts(waiting({ TimeoutSeconds: 7200 }), () => 30))).toBe(7200);
    // A year, as on AWS, is more than a Node timer can wait (~24.8 days): the longest it can.
    expect(timeoutOf(withTaskTimeouts(waiting({}), () => 30))).toBe(2147483);
  });

  it('keeps nested Parameters resolvable by the engine (plain objects of this realm)', async () => {
    const copy = withTaskTimeouts(definition, () => 30);
    const engine = new StateMachine(copy as never);

    const run = engine.run({ runId: 'r', check: { submittedAt: 42 } }, {
      overrides: { taskResourceLocalHandlers: { Update: async (input: unknown) => input } },
    } as never);

    expect(await run.result).toEqual({ runId: 'r', gradients: { submittedAt: 42 } });
  });
});
