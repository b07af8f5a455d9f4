import { MAX_BATCH_SIZE, parseReductionMessage, ValidationError } from '@seisless/core';
import { reductionMessage, shotGradient } from '../../../support/reductionMessages';

// 4 × 5 = 20 elements in chunks of 8: chunks 0, 1, 2; shot 7 at batch position 0 of 3.
const g = shotGradient({ shape: [4, 5], chunkSize: 8 });
const body = (overrides = {}) => JSON.stringify(reductionMessage(g, 2, overrides));

describe('parseReductionMessage', () => {
  it('returns a well-formed, self-consistent message', () => {
    expect(parseReductionMessage(body(), 'message m1')).toEqual(reductionMessage(g, 2));
  });

  it.each([
    ['batchIndex', { batchIndex: 3 }, 'batchIndex: 3; expected a position below batchSize 3'],
    ['chunk', { chunk: 3 }, 'chunk: 3; expected a chunk below chunkCount 3'],
    ['elementCount', { elementCount: 21 }, 'elementCount: 21; expected 20, the product of shape'],
    ['chunkCount', { chunkCount: 4 }, 'chunkCount: 4; expected 3, ceil(elementCount / chunkSize)'],
    [
      'gradientKey',
      { gradientKey: 'runs/demo/iterations/1/gradients/shot-8.npy' },
      'gradientKey: "runs/demo/iterations/1/gradients/shot-8.npy"; expected "runs/demo/iterations/1/gradients/shot-7.npy", the key of its shot',
    ],
    [
      'batchSize',
      { batchSize: MAX_BATCH_SIZE + 1 },
      `batchSize: ${MAX_BATCH_SIZE + 1}; expected a number ≤ ${MAX_BATCH_SIZE}`,
    ],
  ])('refuses an inconsistent %s, naming what it received and expected', (_field, overrides, line) => {
    const parse = () => parseReductionMessage(body(overrides), 'message m1');

    expect(parse).toThrow(ValidationError);
    expect(parse).toThrow(`message m1 is invalid: ${line}`);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => parseReductionMessage('{not json', 'message m1')).toThrow(
      'message m1: a body that is not JSON; expected a reduction message',
    );
  });

  it('names a missing field before checking the layout', () => {
    const { shot: _shot, ...rest } = reductionMessage(g, 2);

    expect(() => parseReductionMessage(JSON.stringify(rest), 'message m1')).toThrow(
      'message m1 is invalid: shot: missing; expected a number',
    );
  });
});
