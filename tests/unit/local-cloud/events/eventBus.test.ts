import type { BusEvent } from '../../../../scripts/local-cloud/events/batchJobEvent';
import { EventBus, type EventBusDeps } from '../../../../scripts/local-cloud/events/eventBus';
import type { InvokeResult } from '../../../../scripts/local-cloud/lambda/service';
import type { EventRuleDef, EventTargetDef } from '../../../../scripts/local-cloud/wiring/model';

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

function rule(
  name: string,
  pattern: Record<string, unknown>,
  fields: Partial<EventRuleDef> = {},
  target: Partial<EventTargetDef> = {},
): EventRuleDef {
  return {
    logicalId: name,
    service: 'demo',
    name,
    arn: `arn:aws:events:us-east-1:000000000000:rule/${name}`,
    state: 'ENABLED',
    pattern,
    targets: [{ id: `${name}-target`, functionName: name, functionArn: fnArn(name), ...target }],
    ...fields,
  };
}

function jobEvent(status: string): BusEvent {
  return {
    version: '0',
    id: `event-${status}`,
    'detail-type': 'Batch Job State Change',
    source: 'aws.batch',
    account: '000000000000',
    time: '2026-12-07T10:00:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:batch:us-east-1:000000000000:job/j-1'],
    detail: { jobId: 'j-1', status, tags: { run: 'r-1' } },
  };
}

const ok = (): InvokeResult => ({ ok: true, payload: null, requestId: 'r' });
const failed = (): InvokeResult => ({
  ok: false,
  error: { errorType: 'Error', errorMessage: 'boom' },
  requestId: 'r',
});

/** A bus over recorded invocations; `outcomes` lists each function's results in order (then ok). */
function harness(rules: EventRuleDef[], options: Partial<EventBusDeps> & { outcomes?: InvokeResult[] } = {}) {
  const calls: { name: string; event: unknown }[] = [];
  const lines: string[] = [];
  const outcomes = [...(options.outcomes ?? [])];
  const deps: EventBusDeps = {
    rules,
    invoke: async (name, event) => {
      calls.push({ name, event });
      return outcomes.shift() ?? ok();
    },
    authorize: async () => undefined,
    retriesOf: () => 2,
    retryDelaysMs: [1, 2],
    log: (line) => lines.push(line),
    ...options,
  };
  return { calls, lines, start: () => EventBus.start(deps) };
}

describe('EventBus', () => {
  const onEnd = { source: ['aws.batch'], detail: { status: ['SUCCEEDED', 'FAILED'] } };

  it('invokes the target of each matching ENABLED rule, after put has returned', async () => {
    const { calls, start } = harness([
      rule('ended', onEnd),
      rule('failed', { detail: { status: ['FAILED'] } }),
      rule('off', { source: ['aws.batch'] }, { state: 'DISABLED' }),
    ]);
    const bus = await start();

    bus.put(jobEvent('RUNNING'));
    bus.put(jobEvent('SUCCEEDED'));
    bus.put(jobEvent('FAILED'));
    const before = calls.length;
    await bus.idle();

    expect(before).toBe(0);
    expect(calls.map((call) => `${call.name}:${(call.event as BusEvent).detail.status}`)).toEqual([
      'ended:SUCCEEDED',
      'ended:FAILED',
      'failed:FAILED',
    ]);
    expect(calls[0]?.event).toEqual(jobEvent('SUCCEEDED'));
  });

  it('delivers the constant Input or the part of the event InputPath selects', async () => {
    const { calls, lines, start } = harness([
      rule('constant', onEnd, {}, { input: '{"wake":true}' }),
      rule('path', onEnd, {}, { inputPath: '$.detail.tags' }),
      rule('nothing', onEnd, {}, { inputPath: '$.detail.missing' }),
    ]);
    const bus = await start();

    bus.put(jobEvent('FAILED'));
    await bus.idle();

    expect(calls.map((call) => [call.name, call.event])).toEqual([
      ['constant', { wake: true }],
      ['path', { run: 'r-1' }],
    ]);
    expect(lines).toEqual([
      'events: rule nothing → nothing: event event-FAILED not delivered: InputPath $.detail.missing selects nothing',
    ]);
  });

  it('retries a function error at most twice, then logs and drops the event', async () => {
    const flaky = harness([rule('ended', onEnd)], { outcomes: [failed(), ok()] });
    const broken = harness([rule('ended', onEnd)], { outcomes: [failed(), failed(), failed(), failed()] });
    const [flakyBus, brokenBus] = await Promise.all([flaky.start(), broken.start()]);

    flakyBus.put(jobEvent('FAILED'));
    brokenBus.put(jobEvent('FAILED'));
    await Promise.all([flakyBus.idle(), brokenBus.idle()]);

    expect(flaky.calls).toHaveLength(2);
    expect(broken.calls).toHaveLength(3);
    expect(broken.lines).toEqual([
      'events: rule ended → ended: event event-FAILED dropped after 3 attempts: Error',
    ]);
  });

  it("retries no more than the function's EventInvokeConfig allows", async () => {
    const { calls, start } = harness([rule('ended', onEnd)], { outcomes: [failed()], retriesOf: () => 0 });
    const bus = await start();

    bus.put(jobEvent('FAILED'));
    await bus.idle();

    expect(calls).toHaveLength(1);
  });

  it('does not invoke a target whose permission is missing, and says so once, at start', async () => {
    const { calls, lines, start } = harness([rule('ended', onEnd)], {
      authorize: async () =>
        'no AWS::Lambda::Permission lets events.amazonaws.com call lambda:InvokeFunction',
    });
    const bus = await start();

    bus.put(jobEvent('SUCCEEDED'));
    bus.put(jobEvent('FAILED'));
    await bus.idle();

    expect(calls).toEqual([]);
    expect(bus.listening).toBe(false);
    expect(lines).toEqual([
      'events: rule ended does not invoke ended: no AWS::Lambda::Permission lets events.amazonaws.com call lambda:InvokeFunction',
    ]);
  });

  it('takes no event once stopped, and a delivery waiting for its retry gives up', async () => {
    const { calls, start } = harness([rule('ended', onEnd)], {
      outcomes: [failed()],
      retryDelaysMs: [60_000],
    });
    const bus = await start();

    bus.put(jobEvent('FAILED'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    bus.stop();
    bus.put(jobEvent('SUCCEEDED'));
    await bus.idle();

    expect(calls).toHaveLength(1);
  });
});
