import { sqsLogKeys } from '@seisless/core';
import { reductionMessage, shotGradient, sqsRecord } from '../../../support/reductionMessages';

describe('sqsLogKeys', () => {
  it('reads the run, iteration and shots from the reduction messages of a batch', () => {
    const records = [3, 0, 3].map((shot) =>
      sqsRecord(reductionMessage(shotGradient({ iteration: 2, shot }), 0)),
    );

    expect(sqsLogKeys({ Records: records })).toEqual({ runId: 'demo', iteration: 2, shots: [0, 3] });
  });

  it('gives one shot under `shot`', () => {
    const records = [sqsRecord(reductionMessage(shotGradient({ shot: 7 }), 1))];

    expect(sqsLogKeys({ Records: records })).toEqual({ runId: 'demo', iteration: 1, shot: 7 });
  });

  it('skips a body that is not JSON', () => {
    const records = [sqsRecord('not json'), sqsRecord(reductionMessage(shotGradient({ shot: 7 }), 0))];

    expect(sqsLogKeys({ Records: records })).toEqual({ runId: 'demo', iteration: 1, shot: 7 });
  });
});
