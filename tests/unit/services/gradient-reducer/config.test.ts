import { ConfigError } from '@seisless/core';
import { loadConfig } from '../../../../services/gradient-reducer/src/config';

describe('loadConfig', () => {
  it('reads the bucket and freezes the result', () => {
    const config = loadConfig({ SEISLESS_BUCKET: 'seisless-dev-data' });

    expect(config).toEqual({ bucket: 'seisless-dev-data' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast naming the missing variable', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({ SEISLESS_BUCKET: ' ' })).toThrow(/SEISLESS_BUCKET/);
  });
});
