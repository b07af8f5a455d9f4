import type { IncomingMessage } from 'node:http';
import {
  errorXml,
  objectRequest,
  preconditionFailure,
} from '../../../../scripts/local-cloud/s3/objectRequests';

const request = (method: string, url: string, headers: Record<string, string> = {}) =>
  ({ method, url, headers }) as unknown as IncomingMessage;

describe('objectRequest', () => {
  it.each([
    ['GET', '/bucket/runs/a%20b/x.npy', 'shared'],
    ['HEAD', '/bucket/runs/x.npy', 'shared'],
    ['PUT', '/bucket/runs/x.npy', 'exclusive'],
    ['DELETE', '/bucket/runs/x.npy', 'exclusive'],
    ['POST', '/bucket/runs/x.npy?uploadId=u1', 'exclusive'],
  ])('%s %s locks the object %s', (method, url, mode) => {
    expect(objectRequest(request(method, url))).toMatchObject({ bucket: 'bucket', mode });
  });

  it('decodes the key as S3 does', () => {
    expect(objectRequest(request('GET', '/bucket/runs/a%20b/x.npy'))?.key).toBe('runs/a b/x.npy');
  });

  it.each([
    ['GET', '/bucket'],
    ['GET', '/bucket/?list-type=2&prefix=runs/'],
    ['PUT', '/bucket/big.bin?partNumber=1&uploadId=u1'],
    ['POST', '/bucket/big.bin?uploads'],
    ['GET', '/bucket/x.npy?tagging'],
  ])('leaves %s %s alone (no object replaced or read)', (method, url) => {
    expect(objectRequest(request(method, url))).toBeUndefined();
  });

  it("reads PutObject's preconditions, and only PutObject's", () => {
    const put = objectRequest(request('PUT', '/b/k', { 'if-match': '"abc"', 'if-none-match': '*' }));
    const get = objectRequest(request('GET', '/b/k', { 'if-none-match': '"abc"' }));

    expect(put).toMatchObject({ ifMatch: '"abc"', ifNoneMatch: '*' });
    expect(get).toMatchObject({ ifMatch: undefined, ifNoneMatch: undefined });
  });
});

describe('preconditionFailure', () => {
  const current = '"0cc175b9c0f1b6a831c399e269772661"';

  it('passes a write without preconditions', () => {
    expect(preconditionFailure({ ifMatch: undefined, ifNoneMatch: undefined }, current)).toBeUndefined();
  });

  it('If-None-Match: * passes when the object is absent and fails (412) when it exists', () => {
    const condition = { ifMatch: undefined, ifNoneMatch: '*' };

    expect(preconditionFailure(condition, undefined)).toBeUndefined();
    expect(preconditionFailure(condition, current)).toMatchObject({
      status: 412,
      code: 'PreconditionFailed',
      condition: 'If-None-Match',
    });
  });

  it('If-Match passes on the same ETag (quoted or not), fails (412) on another, 404 when absent', () => {
    const match = (ifMatch: string) => ({ ifMatch, ifNoneMatch: undefined });

    expect(preconditionFailure(match(current), current)).toBeUndefined();
    expect(preconditionFailure(match(current.slice(1, -1)), current)).toBeUndefined();
    expect(preconditionFailure(match('"other"'), current)).toMatchObject({
      status: 412,
      condition: 'If-Match',
    });
    expect(preconditionFailure(match(current), undefined)).toMatchObject({ status: 404, code: 'NoSuchKey' });
  });

  it('is written as the XML error S3 returns, with the key escaped', () => {
    const failure = preconditionFailure({ ifMatch: '"x"', ifNoneMatch: undefined }, current);

    expect(failure && errorXml(failure, 'a<b>&c')).toMatch(
      /<Error><Code>PreconditionFailed<\/Code><Message>.*<\/Message><Condition>If-Match<\/Condition><Key>a&lt;b&gt;&amp;c<\/Key>/,
    );
  });
});
