import { InputError, parseAssembledGradient } from '@seisless/core';

const summary = {
  version: 1,
  runId: 'demo',
  iteration: 2,
  batchShots: [5, 1, 3],
  usedShots: [5],
  droppedShots: [1],
  batchSize: 3,
  rescale: 3,
  objective: 9,
};

describe('parseAssembledGradient', () => {
  it('accepts a summary as the assembly writes it', () => {
    expect(parseAssembledGradient(JSON.parse(JSON.stringify(summary)), 'gradient.json')).toEqual(summary);
  });

  it('names the file and the bad field', () => {
    const bad = { ...summary, rescale: 0 };

    expect(() => parseAssembledGradient(bad, 'runs/demo/iterations/2/gradient.json')).toThrow(InputError);
    expect(() => parseAssembledGradient(bad, 'runs/demo/iterations/2/gradient.json')).toThrow(
      /^runs\/demo\/iterations\/2\/gradient\.json: rescale: 0; expected/,
    );
  });
});
