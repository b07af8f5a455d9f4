import { runLogKeys, runRefOfKey, runRefOfObject } from '@seisless/core';

describe('runLogKeys', () => {
  it('keeps a value every item agrees on under its own key', () => {
    expect(
      runLogKeys([
        { runId: 'demo', iteration: 2, shot: 5 },
        { runId: 'demo', iteration: 2, shot: 5 },
      ]),
    ).toEqual({ runId: 'demo', iteration: 2, shot: 5 });
  });

  it('lists the sorted distinct values under the plural key when items differ', () => {
    const keys = runLogKeys([
      { runId: 'demo', iteration: 1, shot: 12 },
      { runId: 'demo', iteration: 1, shot: 3 },
      { runId: 'demo', iteration: 1, shot: 12 },
    ]);

    expect(keys).toEqual({ runId: 'demo', iteration: 1, shots: [3, 12] });
  });

  it('leaves out what no item names', () => {
    expect(runLogKeys([{}, { runId: 'a' }])).toEqual({ runId: 'a' });
    expect(runLogKeys([])).toEqual({});
  });
});

describe('runRefOfObject', () => {
  it('reads well-formed runId, iteration and shot fields and ignores the rest', () => {
    expect(runRefOfObject({ runId: 'demo', iteration: 0, shot: 4, kind: 'gradient' })).toEqual({
      runId: 'demo',
      iteration: 0,
      shot: 4,
    });
  });

  it('skips fields of the wrong type rather than failing', () => {
    expect(runRefOfObject({ runId: '', iteration: -1, shot: '4' })).toEqual({});
    expect(runRefOfObject(null)).toEqual({});
    expect(runRefOfObject('runs/demo')).toEqual({});
  });
});

describe('runRefOfKey', () => {
  it('reads the run, iteration and shot from a key of the storage layout', () => {
    expect(runRefOfKey('runs/demo/iterations/3/gradients/shot-17.npy')).toEqual({
      runId: 'demo',
      iteration: 3,
      shot: 17,
    });
    expect(runRefOfKey('runs/demo/spec.json')).toEqual({ runId: 'demo' });
  });

  it('names nothing for a key outside runs/', () => {
    expect(runRefOfKey('uploads/shot-3.npy')).toEqual({ shot: 3 });
    expect(runRefOfKey('README')).toEqual({});
  });
});
