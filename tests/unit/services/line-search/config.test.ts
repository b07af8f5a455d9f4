import { ConfigError } from '@seisless/core';
import { loadConfig } from '../../../../services/line-search/src/config';

describe('loadConfig', () => {
  it('reads the bucket', () => {
    expect(loadConfig({ SEISLESS_BUCKET: 'seisless-dev-data' })).toEqual({ bucket: 'seisless-dev-data' });
  });

  it('names the missing variable', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/SEISLESS_BUCKET: missing/);
  });
});
