import { crashRecoveries, reduceLogLines } from '../../../../scripts/report/crashRecoveries';

const line = (timestamp: string, redelivered: unknown[], counts = { added: 1, skipped: 0 }) =>
  JSON.stringify({ level: 'INFO', message: 'reduce', timestamp, service: 'r', counts, redelivered });
const at = (iso: string) => Date.parse(iso);

describe('reduceLogLines', () => {
  it('reads the reduce lines (Powertools or plain) and skips the runtime lines', () => {
    const log = [
      'START RequestId: 1 Version: $LATEST',
      line('2026-12-06T03:00:00.000Z', []),
      JSON.stringify({ event: 'reduce', at: 5, counts: { added: 2 } }),
      JSON.stringify({ level: 'INFO', message: 'status' }),
      '{not json',
    ].join('\n');

    expect(reduceLogLines(log)).toEqual([
      { at: at('2026-12-06T03:00:00.000Z'), counts: { added: 1, skipped: 0 }, redelivered: [] },
      { at: 5, counts: { added: 2 }, redelivered: [] },
    ]);
  });
});

describe('crashRecoveries', () => {
  it('gives each failed delivery of a chunk the time to its next successful merge', () => {
    const crashed = at('2026-12-06T03:00:00.000Z');
    const group = 'demo/1/chunk-0';
    const log = [
      line('2026-12-06T03:00:06.500Z', [{ group, firstReceivedAt: crashed, receives: 2, merged: false }]),
      line('2026-12-06T03:00:07.250Z', [{ group, firstReceivedAt: crashed, receives: 3, merged: true }]),
      line('2026-12-06T03:00:09.000Z', [{ group, firstReceivedAt: crashed, receives: 4, merged: true }]),
    ].join('\n');

    expect(crashRecoveries(log)).toEqual([
      {
        chunk: group,
        crashed_at: crashed,
        merged_at: at('2026-12-06T03:00:07.250Z'),
        recovery_s: 7.25,
        receives: 3,
      },
    ]);
  });

  it('is empty for a run without redeliveries', () => {
    expect(crashRecoveries(line('2026-12-06T03:00:00.000Z', []))).toEqual([]);
  });
});
