import { ValidationError } from '@seisless/core';
import {
  assertRunId,
  defaultRunId,
  RUN_ID_PATTERN,
  sanitiseRunIdStem,
  timestamp,
} from '../../../scripts/cli/runId';

describe('run ids', () => {
  const now = new Date('2025-03-04T05:06:07Z');

  it('stamps yyyymmddHHMMss in UTC', () => {
    expect(timestamp(now)).toBe('20250304050607');
  });

  it('defaults to the spec file stem and the time', () => {
    expect(defaultRunId('numerical-examples/specs/lsrtm-layered.json', now)).toBe(
      'lsrtm-layered-20250304050607',
    );
  });

  it('lower-cases and replaces anything but letters and digits with single dashes', () => {
    expect(sanitiseRunIdStem('My_Spec  (v2).final')).toBe('my-spec-v2-final');
    expect(sanitiseRunIdStem('--Ünïcode--')).toBe('n-code');
  });

  it('cuts long stems so the id fits 40 characters', () => {
    const id = defaultRunId(`/x/${'very-long-name-'.repeat(6)}.json`, now);
    expect(id.length).toBeLessThanOrEqual(40);
    expect(id).toMatch(RUN_ID_PATTERN);
    expect(id.endsWith('-20250304050607')).toBe(true);
  });

  it('falls back to run-<time> when nothing of the stem survives', () => {
    expect(defaultRunId('___.json', now)).toBe('run-20250304050607');
  });

  it('rejects ids the system cannot use, naming the source', () => {
    expect(() => assertRunId('Bad_Id', '--run-id')).toThrow(ValidationError);
    expect(() => assertRunId('Bad_Id', '--run-id')).toThrow(/--run-id: 'Bad_Id'/);
    expect(assertRunId('ok-1', '--run-id')).toBe('ok-1');
  });
});
