import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../../services/iterator/src/config';

const reducerYml = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'services', 'gradient-reducer', 'serverless.yml'),
  'utf8',
);

describe('iterator loadConfig', () => {
  it("waits for in-flight reductions at least as long as the reducer queue's redelivery horizon", () => {
    const visibility = Number(/VisibilityTimeout: (\d+)/.exec(reducerYml)?.[1]);
    const receives = Number(/maxReceiveCount: (\d+)/.exec(reducerYml)?.[1]);

    const config = loadConfig({ SEISLESS_BUCKET: 'seisless-dev-data' });

    expect(visibility * receives).toBeGreaterThan(0);
    expect(config.reductionGraceSeconds).toBeGreaterThan(visibility * receives);
  });

  it('takes the grace, poll interval and bucket from the environment', () => {
    const config = loadConfig({
      SEISLESS_BUCKET: 'b',
      SEISLESS_POLL_SECONDS: '1',
      SEISLESS_REDUCTION_GRACE_SECONDS: '30',
    });

    expect(config).toMatchObject({ bucket: 'b', pollSeconds: 1, reductionGraceSeconds: 30 });
  });
});
