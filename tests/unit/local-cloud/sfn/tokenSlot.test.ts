import type { SfnContext } from '../../../../scripts/local-cloud/sfn/actions/context';
import { SendTaskFailure } from '../../../../scripts/local-cloud/sfn/actions/SendTaskFailure';
import { SendTaskSuccess } from '../../../../scripts/local-cloud/sfn/actions/SendTaskSuccess';
import { SfnRunner } from '../../../../scripts/local-cloud/sfn/runner';
import { SfnStore } from '../../../../scripts/local-cloud/sfn/store';
import { TokenSlot } from '../../../../scripts/local-cloud/sfn/tokenSlot';
import type { StateMachineDef } from '../../../../scripts/local-cloud/wiring/model';

type Dict = Record<string, unknown>;

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:tokens';

const ask = (more: Dict = {}, kind = 'ask'): Dict => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: {
    FunctionName: 'notify',
    Payload: { kind, 'token.$': '$$.Task.Token', 'again.$': '$$.Task.Token' },
  },
  ...more,
});

/** Runs a machine whose function records every token it is handed; `answer` ends each wait. */
async function run(
  definition: Dict,
  answer: (token: string, ctx: SfnContext, n: number, payload: Dict) => void,
  input: Dict = {},
) {
  const machine = {
    name: 'tokens',
    arn: MACHINE,
    definition,
    source: 'test',
    roleArn: '',
  } as StateMachineDef;
  const store = new SfnStore([machine]);
  const payloads: Dict[] = [];
  let ctx: SfnContext | undefined;
  const runner = await SfnRunner.create(store, {
    invoke: async (_name, event) => {
      payloads.push(event as Dict);
      const n = payloads.length - 1;
      setImmediate(() => answer(String((event as Dict).token), ctx as SfnContext, n, event as Dict));
      return { ok: true, payload: null, requestId: 'r' };
    },
    has: () => true,
    timeoutOf: () => 3,
  });
  ctx = { store, runner } as SfnContext;
  const execution = runner.start(machine, 'e1', JSON.stringify(input));
  await execution.done;
  return { execution, payloads, ctx };
}

const tokensOf = (payloads: Dict[]) => payloads.map((payload) => payload.token);

describe('$$.Task.Token', () => {
  it('is the same token for every read within one entry, and a fresh one for each entry of a loop', async () => {
    const definition = {
      StartAt: 'Ask',
      States: {
        Ask: ask({ ResultPath: '$.round', Next: 'Again' }),
        Again: {
          Type: 'Choice',
          Choices: [{ Variable: '$.round', NumericEquals: 3, Next: 'Done' }],
          Default: 'Ask',
        },
        Done: { Type: 'Succeed' },
      },
    };

    const { execution, payloads } = await run(definition, (token, ctx, n) =>
      SendTaskSuccess({ taskToken: token, output: String(n + 1) }, ctx),
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(payloads.every((payload) => payload.token === payload.again)).toBe(true);
    expect(new Set(tokensOf(payloads)).size).toBe(3);
  });

  it('is fresh for each Map iteration, each Parallel branch and each Retry', async () => {
    const retried = ask(
      { Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true },
      'retried',
    );
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  ItemsPath: '$.items',
                  Iterator: { StartAt: 'Item', States: { Item: ask({ End: true }) } },
                  End: true,
                },
              },
            },
            { StartAt: 'Retried', States: { Retried: retried } },
          ],
          End: true,
        },
      },
    };
    let busy = true;

    const { execution, payloads } = await run(
      definition,
      (token, ctx, _n, payload) => {
        if (payload.kind === 'retried' && busy) {
          busy = false;
          SendTaskFailure({ taskToken: token, error: 'Busy' }, ctx);
        } else {
          SendTaskSuccess({ taskToken: token, output: '"ok"' }, ctx);
        }
      },
      { items: [1, 2] },
    );

    expect(execution.status).toBe('SUCCEEDED');
    expect(payloads.map((payload) => payload.kind).sort()).toEqual(['ask', 'ask', 'retried', 'retried']);
    expect(new Set(tokensOf(payloads)).size).toBe(4);
  });

  it('read outside a callback Task is no token of this cloud', async () => {
    const definition = {
      StartAt: 'Peek',
      States: {
        Peek: {
          Type: 'Pass',
          Parameters: { 'token.$': '$$.Task.Token' },
          ResultPath: '$.peeked',
          Next: 'Ask',
        },
        Ask: ask({ ResultPath: null, End: true }),
      },
    };

    const { execution, payloads, ctx } = await run(definition, (token, ctx) =>
      SendTaskSuccess({ taskToken: token, output: '{}' }, ctx),
    );
    const peeked = (JSON.parse(execution.output ?? '{}') as { peeked: { token: string } }).peeked.token;

    expect(execution.status).toBe('SUCCEEDED');
    expect(peeked).not.toBe(payloads[0]?.token);
    expect(() => SendTaskSuccess({ taskToken: peeked, output: '{}' }, ctx)).toThrow(
      expect.objectContaining({ code: 'InvalidToken' }),
    );
  });
});

describe('TokenSlot', () => {
  it('drops a token nobody took once the synchronous run ends', async () => {
    let minted = 0;
    const slot = new TokenSlot(() => `t${++minted}`);

    const read = slot.context().Token;
    const again = slot.context().Token;
    await Promise.resolve();
    const later = slot.read();

    expect([read, again, later]).toEqual(['t1', 't1', 't2']);
    expect(slot.take()).toBe('t2');
    expect(slot.take()).toBeUndefined();
  });
});
