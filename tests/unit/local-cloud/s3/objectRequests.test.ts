import type { IncomingMessage } from 'node:http';
import {
  errorXml,
  objectRequest,
  parseTagging,
  preconditionFailure,
  taggingXml,
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
    ['GET', '/bucket/x.npy?tagging', 'shared'],
    ['PUT', '/bucket/x.npy?tagging', 'exclusive'],
    ['DELETE', '/bucket/x.npy?tagging', 'exclusive'],
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
    ['GET', '/bucket/x.npy?acl'],
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

describe('the tags an object has after a request (s3rver keeps no x-amz-tagging)', () => {
  const tagsAfter = (method: string, url: string, headers: Record<string, string> = {}) =>
    objectRequest(request(method, url, headers))?.tagsAfter;

  it("a PutObject's tags are its x-amz-tagging header, decoded", () => {
    const tags = tagsAfter('PUT', '/b/k', { 'x-amz-tagging': 'seisless%3Aretention=scratch&a=b%20c' });
    expect(tags).toEqual(
      new Map([
        ['seisless:retention', 'scratch'],
        ['a', 'b c'],
      ]),
    );
  });

  it('a PutObject without tags, or a DeleteObject, leaves the object without tags', () => {
    expect(tagsAfter('PUT', '/b/k')).toEqual(new Map());
    expect(tagsAfter('DELETE', '/b/k')).toEqual(new Map());
  });

  it.each([
    ['GET', '/b/k', {}],
    ['PUT', '/b/k', { 'x-amz-copy-source': '/b/src', 'x-amz-tagging': 'a=b' }],
    ['POST', '/b/k?uploadId=u', {}],
    ['PUT', '/b/k?tagging', {}],
  ])('%s %s leaves the tags to s3rver', (method, url, headers: Record<string, string>) => {
    expect(tagsAfter(method, url, headers)).toBeUndefined();
  });

  it('writes a tag set as the Tagging document, escaped', () => {
    expect(taggingXml(parseTagging('k%3Ca=v%26'))).toBe(
      '<Tagging><TagSet><Tag><Key>k&lt;a</Key><Value>v&amp;</Value></Tag></TagSet></Tagging>',
    );
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
