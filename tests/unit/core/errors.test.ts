import {
  ConfigError,
  describeReceived,
  InputError,
  SeislessError,
  ShotsFailedError,
  TransientError,
  ValidationError,
} from '@seisless/core';

describe('the error family', () => {
  it('builds the one line from subject, received and expected, as the Python errors do', () => {
    const error = new ConfigError('SEISLESS_POLL_SECONDS', '"ten"', 'a positive integer');

    expect(error.message).toBe('SEISLESS_POLL_SECONDS: "ten"; expected a positive integer');
    expect(error).toMatchObject({
      subject: 'SEISLESS_POLL_SECONDS',
      received: '"ten"',
      expected: 'a positive integer',
    });
  });

  it.each([
    [new SeislessError('s', 'r', 'e'), 'SeislessError'],
    [new ConfigError('s', 'r', 'e'), 'ConfigError'],
    [new ValidationError('s', 'r', 'e'), 'ValidationError'],
    [new InputError('s', 'r', 'e'), 'InputError'],
    [new TransientError('s', 'r', 'e'), 'TransientError'],
    [new ShotsFailedError('iteration 2: shot(s) 3 failed', [3]), 'ShotsFailedError'],
  ])('keeps the literal name Step Functions matches (%#)', (error, name) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(SeislessError);
  });

  it('chains a cause in either form', () => {
    const cause = new Error('socket hang up');

    expect(new TransientError('s3://b/k', 'GetObject failed', 'an answer', { cause }).cause).toBe(cause);
    expect(new InputError('s3://b/k: no such object', { cause }).cause).toBe(cause);
  });

  it('still takes one finished message, without parts', () => {
    const error = new InputError('runs/demo/spec.json: no such object');

    expect(error.message).toBe('runs/demo/spec.json: no such object');
    expect(error).not.toHaveProperty('subject');
  });

  it('gives a ValidationError its lines, one per field, in the message form', () => {
    const error = new ValidationError('step input is invalid: a: missing; b: 0', ['a: missing', 'b: 0']);

    expect(error.issues).toEqual(['a: missing', 'b: 0']);
    expect(new ValidationError('spec.json', 'not JSON', 'a JSON document').issues).toEqual([]);
  });
});

describe('describeReceived', () => {
  it.each([
    [undefined, 'missing'],
    [null, 'missing'],
    ['ten', '"ten"'],
    [12, '12'],
    [{ a: [1, 2] }, '{"a":[1,2]}'],
    ['x'.repeat(200), `"${'x'.repeat(116)}...`],
  ])('renders %p as %p', (value, text) => {
    expect(describeReceived(value)).toBe(text);
  });
});
