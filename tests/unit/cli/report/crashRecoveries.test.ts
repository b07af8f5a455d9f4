import { crashRecoveries, reduceLogLines } from '../../../../scripts/report/crashRecoveries';

const T = Date.parse('2026-12-06T03:00:00.000Z');
const line = (atMs: number, groups: unknown[], counts = { added: 1, skipped: 0 }) =>
  JSON.stringify({
    level: 'INFO',
    message: 'reduce',
    timestamp: new Date(T + atMs).toISOString(),
    counts,
    groups,
  });
const G0 = 'demo/1/chunk-0';

describe('reduceLogLines', () => {
  it('reads the reduce lines (Powertools or plain), oldest first, and skips the runtime lines', () => {
    const log = [
      'START RequestId: 1 Version: $LATEST',
      line(500, []),
      JSON.stringify({ event: 'reduce', at: T, counts: { added: 2 } }),
      JSON.stringify({ level: 'INFO', message: 'status' }),
      '{not json',
    ].join('\n');

    expect(reduceLogLines(log)).toEqual([
      { at: T, counts: { added: 2 }, groups: [] },
      { at: T + 500, counts: { added: 1, skipped: 0 }, groups: [] },
    ]);
  });
});

describe('crashRecoveries', () => {
  it('times a crash before the handler from the records’ first receive to the next merge', () => {
    const log = line(6400, [{ group: G0, receives: 2, redeliveredSince: T, merged: true }]);

    expect(crashRecoveries(log)).toEqual([
      { chunk: G0, crashed_at: T, merged_at: T + 6400, recovery_s: 6.4, receives: 2 },
    ]);
  });

  it('times a crash after the handler from its logged delivery, even when its records came earlier', () => {
    const log = [
      line(100, [{ group: G0, receives: 1, merged: true }]), // its runtime then died
      line(6300, [{ group: G0, receives: 2, redeliveredSince: T - 50, merged: true }]),
    ].join('\n');

    expect(crashRecoveries(log)).toEqual([
      { chunk: G0, crashed_at: T + 100, merged_at: T + 6300, recovery_s: 6.2, receives: 2 },
    ]);
  });

  it('counts failures in a row once, from the first, including ones the handler logged', () => {
    const log = [
      line(0, [{ group: G0, receives: 1, merged: false }]),
      line(300, [{ group: G0, receives: 2, redeliveredSince: T - 10, merged: false }]),
      line(1500, [{ group: G0, receives: 3, redeliveredSince: T - 10, merged: true }]),
      line(2000, [{ group: G0, receives: 1, merged: true }]),
    ].join('\n');

    expect(crashRecoveries(log)).toEqual([
      { chunk: G0, crashed_at: T, merged_at: T + 1500, recovery_s: 1.5, receives: 3 },
    ]);
  });

  it('is empty for a run without failed deliveries', () => {
    expect(crashRecoveries(line(0, [{ group: G0, receives: 1, merged: true }]))).toEqual([]);
  });
});
