import { assembledGradientSchema, InputError, parseContract } from '@seisless/core';

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

describe('the assembled gradient summary, read through parseContract', () => {
  it('accepts a summary as the assembly writes it', () => {
    expect(
      parseContract(assembledGradientSchema, JSON.parse(JSON.stringify(summary)), 'gradient.json'),
    ).toEqual(summary);
  });

  it('names the file and the bad field', () => {
    const bad = { ...summary, rescale: 0 };

    expect(() => parseContract(assembledGradientSchema, bad, 'runs/demo/iterations/2/gradient.json')).toThrow(
      InputError,
    );
    expect(() => parseContract(assembledGradientSchema, bad, 'runs/demo/iterations/2/gradient.json')).toThrow(
      /^runs\/demo\/iterations\/2\/gradient\.json: rescale: 0; expected/,
    );
  });
});
