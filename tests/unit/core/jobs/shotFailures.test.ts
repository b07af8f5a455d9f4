import { formatShotFailure, parseShotFailures, type ShotFailure } from '@seisless/core';

const refused: ShotFailure = {
  jobId: 'a1b2:0',
  shot: 0,
  kind: 'bad-input',
  reason: 's3://b/runs/r/inputs/wrong-shape.npy: shape [31, 41]; expected shape [41, 31]',
};
const killed: ShotFailure = {
  jobId: 'a1b2:1',
  shot: 3,
  kind: 'transient',
  reason: 'exit code 137: OutOfMemoryError',
};
const modelJob: ShotFailure = { jobId: 'm-1', kind: 'internal', reason: "KeyError: 'nbl'" };

describe('formatShotFailure', () => {
  it('names the shot, the job, the kind and the reason', () => {
    expect(formatShotFailure(refused)).toBe(
      'shot 0 (job a1b2:0) bad-input: s3://b/runs/r/inputs/wrong-shape.npy: shape [31, 41]; expected shape [41, 31]',
    );
    expect(formatShotFailure(modelJob)).toBe("(job m-1) internal: KeyError: 'nbl'");
  });
});

describe('parseShotFailures', () => {
  it('reads back every entry of a JobsFailedError message, reasons containing "; " included', () => {
    const message = `gradient jobs of run r, iteration 1: 2 of 4 failed: ${[refused, killed].map(formatShotFailure).join('; ')}`;

    expect(parseShotFailures(message)).toEqual({
      summary: 'gradient jobs of run r, iteration 1: 2 of 4 failed',
      failures: [refused, killed],
      more: 0,
    });
  });

  it('reads a job without a shot and the count of entries left out', () => {
    const message = `model jobs of run r, iteration 0: 12 of 12 failed: ${formatShotFailure(modelJob)}; and 11 more`;

    expect(parseShotFailures(message)).toEqual({
      summary: 'model jobs of run r, iteration 0: 12 of 12 failed',
      failures: [modelJob],
      more: 11,
    });
  });

  it('finds no entries in another message', () => {
    expect(parseShotFailures('runs/r/spec.json: not found')).toEqual({
      summary: 'runs/r/spec.json: not found',
      failures: [],
      more: 0,
    });
  });
});
