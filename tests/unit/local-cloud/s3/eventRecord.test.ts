import {
  encodeEventKey,
  matchesEventType,
  matchesSubscription,
} from '../../../../scripts/local-cloud/s3/eventRecord';

describe('encodeEventKey', () => {
  it.each([
    ['runs/abc/spec.json', 'runs/abc/spec.json'],
    ['red flower.jpg', 'red+flower.jpg'],
    ['a=b:c(1)+.txt', 'a%3Db%3Ac%281%29%2B.txt'],
    ['dt=2018-05-04/_SUCCESS', 'dt%3D2018-05-04/_SUCCESS'],
    ['café~*', 'caf%C3%A9%7E*'],
  ])('%s → %s', (key, encoded) => {
    expect(encodeEventKey(key)).toBe(encoded);
  });
});

describe('S3 subscriptions', () => {
  const subscription = {
    functionName: 'f',
    bucket: 'b',
    event: 's3:ObjectCreated:*',
    prefix: 'runs/',
    suffix: '/spec.json',
  };

  it('match on bucket, event type, prefix and suffix', () => {
    expect(matchesSubscription(subscription, 'b', 'ObjectCreated:Put', 'runs/r1/spec.json')).toBe(true);
    expect(matchesSubscription(subscription, 'other', 'ObjectCreated:Put', 'runs/r1/spec.json')).toBe(false);
    expect(matchesSubscription(subscription, 'b', 'ObjectRemoved:Delete', 'runs/r1/spec.json')).toBe(false);
    expect(matchesSubscription(subscription, 'b', 'ObjectCreated:Put', 'runs/r1/state.json')).toBe(false);
  });

  it('take an exact event type or a trailing wildcard', () => {
    expect(matchesEventType('s3:ObjectCreated:Put', 'ObjectCreated:Put')).toBe(true);
    expect(matchesEventType('s3:ObjectCreated:Put', 'ObjectCreated:Copy')).toBe(false);
    expect(matchesEventType('s3:ObjectRemoved:*', 'ObjectRemoved:Delete')).toBe(true);
  });
});
