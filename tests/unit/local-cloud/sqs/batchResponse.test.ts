import { batchVerdict, handlesToDelete } from '../../../../scripts/local-cloud/sqs/batchResponse';

const batch = [
  { messageId: 'a', receiptHandle: 'ra' },
  { messageId: 'b', receiptHandle: 'rb' },
  { messageId: 'c', receiptHandle: 'rc' },
];
const ids = batch.map((message) => message.messageId);

describe('batchVerdict', () => {
  it('deletes nothing when the invocation failed', () => {
    const verdict = batchVerdict(false, undefined, ids, true);

    expect(handlesToDelete(verdict, batch)).toEqual([]);
  });

  it.each([[null], [undefined], [{}], [{ batchItemFailures: [] }], [{ batchItemFailures: null }]])(
    'treats %j as complete success',
    (response) => {
      expect(handlesToDelete(batchVerdict(true, response, ids, true), batch)).toEqual(['ra', 'rb', 'rc']);
    },
  );

  it('keeps only the reported failures', () => {
    const verdict = batchVerdict(true, { batchItemFailures: [{ itemIdentifier: 'b' }] }, ids, true);

    expect(handlesToDelete(verdict, batch)).toEqual(['ra', 'rc']);
  });

  it.each([
    [{ batchItemFailures: [{ itemIdentifier: '' }] }],
    [{ batchItemFailures: [{ itemIdentifier: null }] }],
    [{ batchItemFailures: [{ id: 'a' }] }],
    [{ batchItemFailures: [{ itemIdentifier: 'zz' }] }],
    [{ batchItemFailures: 'a' }],
    ['not an object'],
  ])('treats the malformed response %j as complete failure', (response) => {
    expect(batchVerdict(true, response, ids, true).kind).toBe('failure');
  });

  it('ignores the response without ReportBatchItemFailures', () => {
    const verdict = batchVerdict(true, { batchItemFailures: [{ itemIdentifier: 'b' }] }, ids, false);

    expect(verdict.kind).toBe('success');
  });
});
