import { crashRecoveries, reduceLogLines } from '../../../../scripts/report/crashRecoveries';

const T = Date.parse('2026-12-06T03:00:00.000Z');
const REQUEST = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const line = (atMs: number, groups: unknown[], request = 0) =>
  JSON.stringify({
    level: 'INFO',
    message: 'reduce',
    timestamp: new Date(T + atMs).toISOString(),
    function_request_id: REQUEST(request),
    counts: { added: 1, skipped: 0 },
    groups,
  });
const crashedAfter = (request: number) =>
  `${REQUEST(request)}\tERROR\tRuntime.ExitError: Runtime exited with error: signal: killed`;
const G0 = 'demo/1/chunk-0';
const row = (crashedMs: number, mergedMs: number, receives = 2) => ({
  chunk: G0,
  crashed_at: T + crashedMs,
  merged_at: T + mergedMs,
  recovery_s: (mergedMs - crashedMs) / 1000,
  receives,
});

describe('reduceLogLines', () => {
  it('reads the reduce lines (Powertools or plain), oldest first, and skips the runtime lines', () => {
    const log = [
      'START RequestId: 1 Version: $LATEST',
      line(500, [], 7),
      JSON.stringify({ event: 'reduce', at: T, counts: { added: 2 } }),
      JSON.stringify({ level: 'INFO', message: 'status' }),
      '{not json',
    ].join('\n');

    expect(reduceLogLines(log)).toEqual([
      { at: T, counts: { added: 2 }, groups: [] },
      { at: T + 500, requestId: REQUEST(7), counts: { added: 1, skipped: 0 }, groups: [] },
    ]);
  });
});

describe('crashRecoveries', () => {
  it('times a crash before the handler from the records’ first receive to their merge', () => {
    const log = line(6400, [{ group: G0, receives: 2, redeliveredSince: T, merged: true }]);

    expect(crashRecoveries(log)).toEqual([row(0, 6400)]);
  });

  it('times a crash after the handler from its logged merge to the merge of the redelivery', () => {
    const log = [
      line(100, [{ group: G0, receives: 1, merged: true }], 1),
      crashedAfter(1),
      line(6300, [{ group: G0, receives: 2, redeliveredSince: T - 50, merged: true }], 2),
    ].join('\n');

    expect(crashRecoveries(log)).toEqual([row(100, 6300)]);
  });

  it('does not end a failure at a delivery without redelivered records (a duplicate invocation)', () => {
    const log = [
      line(100, [{ group: G0, receives: 1, merged: true }], 1),
      crashedAfter(1),
      line(400, [{ group: G0, receives: 1, merged: true }], 2),
      line(6300, [{ group: G0, receives: 2, redeliveredSince: T - 50, merged: true }], 3),
      line(6330, [{ group: G0, receives: 3, redeliveredSince: T - 50, merged: true }], 4),
    ].join('\n');

    expect(crashRecoveries(log)).toEqual([row(100, 6300)]);
  });

  it('counts failures in a row once, from the first, including ones the handler logged', () => {
    const log = [
      line(0, [{ group: G0, receives: 1, merged: false }], 1),
      line(300, [{ group: G0, receives: 2, redeliveredSince: T - 10, merged: false }], 2),
      line(1500, [{ group: G0, receives: 3, redeliveredSince: T - 10, merged: true }], 3),
      line(2000, [{ group: G0, receives: 1, merged: true }], 4),
    ].join('\n');

    expect(crashRecoveries(log)).toEqual([row(0, 1500, 3)]);
  });

  it('is empty for a run without failed deliveries', () => {
    expect(crashRecoveries(line(0, [{ group: G0, receives: 1, merged: true }]))).toEqual([]);
  });
});
