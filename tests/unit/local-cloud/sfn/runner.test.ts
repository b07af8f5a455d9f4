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

  it('keeps nested Parameters resolvable by the engine (plain objects of this realm)', async () => {
    const copy = withTaskTimeouts(definition, () => 30);
    const engine = new StateMachine(copy as never);

    const run = engine.run({ runId: 'r', check: { submittedAt: 42 } }, {
      overrides: { taskResourceLocalHandlers: { Update: async (input: unknown) => input } },
    } as never);

    expect(await run.result).toEqual({ runId: 'r', gradients: { submittedAt: 42 } });
  });
});
