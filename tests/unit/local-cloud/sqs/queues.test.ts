import { cappedAttributes } from '../../../../scripts/local-cloud/sqs/queues';

describe('cappedAttributes (maxVisibilityTimeoutS)', () => {
  const declared = { FifoQueue: 'true', VisibilityTimeout: '360' };

  it('keeps the declared attributes when no cap is given', () => {
    expect(cappedAttributes(declared, undefined)).toBe(declared);
  });

  it('lowers a longer visibility timeout to the cap and keeps the other attributes', () => {
    expect(cappedAttributes(declared, 5)).toEqual({ FifoQueue: 'true', VisibilityTimeout: '5' });
  });

  it("keeps a shorter one, and applies the cap to SQS's default of 30 s", () => {
    expect(cappedAttributes({ VisibilityTimeout: '3' }, 5)).toEqual({ VisibilityTimeout: '3' });
    expect(cappedAttributes({}, 5)).toEqual({ VisibilityTimeout: '5' });
  });
});
