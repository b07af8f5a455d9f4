import { RequestCounter, s3RequestKind, sqsRequestKind } from '../../../scripts/local-cloud/requestCounts';

describe('s3RequestKind', () => {
  it('puts each request in the tier S3 bills it at', () => {
    expect(s3RequestKind('GET', '/seisless-dev-data/runs/r1/spec.json')).toBe('get');
    expect(s3RequestKind('HEAD', '/seisless-dev-data/runs/r1/spec.json')).toBe('get');
    expect(s3RequestKind('GET', '/seisless-dev-data?list-type=2&prefix=runs%2Fr1%2F')).toBe('list');
    expect(s3RequestKind('GET', '/seisless-dev-data/?list-type=2')).toBe('list');
    expect(s3RequestKind('PUT', '/seisless-dev-data/runs/r1/a.npy')).toBe('put');
    expect(s3RequestKind('POST', '/seisless-dev-data/runs/r1/a.npy?uploads')).toBe('put');
    expect(s3RequestKind('DELETE', '/seisless-dev-data/runs/r1/a.npy')).toBe('delete');
  });
});

describe('sqsRequestKind', () => {
  it('tells FIFO queues by their URL or name', () => {
    expect(sqsRequestKind({ QueueUrl: 'http://127.0.0.1:1/000000000000/reduce.fifo' })).toBe('fifo');
    expect(sqsRequestKind({ QueueName: 'reduce.fifo' })).toBe('fifo');
    expect(sqsRequestKind({ QueueUrl: 'http://127.0.0.1:1/000000000000/jobs' })).toBe('standard');
    expect(sqsRequestKind(undefined)).toBe('standard');
  });
});

describe('RequestCounter', () => {
  it("tallies the children's request messages and leaves others to the next handler", () => {
    const counter = new RequestCounter();
    expect(counter.record({ type: 'request', service: 's3', kind: 'put' })).toBe(true);
    counter.record({ type: 'request', service: 's3', kind: 'put' });
    counter.record({ type: 'request', service: 's3', kind: 'list' });
    counter.record({ type: 'request', service: 'sqs', kind: 'fifo' });
    expect(counter.record({ type: 'iamUse', role: 'x' })).toBe(false);

    expect(counter.counts()).toEqual({
      s3: { get: 0, put: 2, list: 1, delete: 0 },
      sqs: { standard: 0, fifo: 1 },
    });
  });
});
