import { HistoryLog } from '../../../../scripts/local-cloud/sfn/history';
import type { HistoryEvent } from '../../../../scripts/local-cloud/sfn/store';
import { taskHandler } from '../../../../scripts/local-cloud/sfn/tasks';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:start';
const DENIED =
  'User: arn:aws:sts::000000000000:assumed-role/machine/run-1 is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:start because no identity-based policy allows the lambda:InvokeFunction action';

describe('a Task whose state machine role may not invoke its function', () => {
  it('fails as Step Functions reports it, without invoking the function', async () => {
    const events: HistoryEvent[] = [];
    const invoked: string[] = [];
    const handler = taskHandler(
      'Start',
      { Type: 'Task', Resource: FN },
      {
        invoke: async (name) => {
          invoked.push(name);
          return { ok: true, payload: {}, requestId: 'r' };
        },
        has: () => true,
        history: new HistoryLog(events),
        authorize: async () => DENIED,
      },
    );

    const failure = await handler({}).catch((error: Error) => error);

    expect(invoked).toEqual([]);
    expect(failure).toMatchObject({ name: 'Lambda.AWSLambdaException' });
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^${DENIED.replace(/[.*()]/g, '\\$&')} \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`,
      ),
    );
    expect(events.map((event) => event.type)).toEqual(['LambdaFunctionScheduled', 'LambdaFunctionFailed']);
  });
});
