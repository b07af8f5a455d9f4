import { ConfigError, intEnv, optionalEnv, requireEnv } from '@seisless/core';

describe('configuration from the environment', () => {
  it('names a missing variable and what it should hold', () => {
    const read = () => requireEnv({ SEISLESS_BUCKET: ' ' }, 'SEISLESS_BUCKET', 'the data bucket name');

    expect(read).toThrow(ConfigError);
    expect(read).toThrow('SEISLESS_BUCKET: missing; expected the data bucket name');
  });

  it('carries subject, received and expected on a malformed integer', () => {
    let thrown: unknown;
    try {
      intEnv({ SEISLESS_POLL_SECONDS: 'ten' }, 'SEISLESS_POLL_SECONDS');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({
      message: 'SEISLESS_POLL_SECONDS: "ten"; expected a positive integer',
      subject: 'SEISLESS_POLL_SECONDS',
      received: '"ten"',
      expected: 'a positive integer',
    });
  });

  it.each([
    ['0', '"0"'],
    ['2.5', '"2.5"'],
  ])('refuses %s as a positive integer', (raw, received) => {
    expect(() => intEnv({ N: raw }, 'N')).toThrow(`N: ${received}; expected a positive integer`);
  });

  it('falls back only when the variable is unset or empty', () => {
    expect(intEnv({}, 'N', 7)).toBe(7);
    expect(intEnv({ N: '12' }, 'N', 7)).toBe(12);
    expect(optionalEnv({ MODE: '' }, 'MODE', 'local')).toBe('local');
    expect(() => intEnv({}, 'N')).toThrow('N: missing; expected a positive integer');
  });
});
