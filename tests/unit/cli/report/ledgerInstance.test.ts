import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@seisless/core';
import { PACKAGED_ENVIRONMENTS, rateOf } from '../../../../scripts/report/ledgerInstance';
import { loadPriceTable } from '../../../../scripts/report/priceTable';

const root = join(__dirname, '..', '..', '..', '..');
const prices = loadPriceTable(root);

describe('rateOf', () => {
  it('declares the environments of the packaged stack', () => {
    const yml = readFileSync(join(root, 'services', 'submitter', 'serverless.yml'), 'utf8');
    const declared = [...yml.matchAll(/Type: (SPOT|EC2)\n(?:.*\n)*?\s+InstanceTypes: \[([^\]]*)\]/g)].map(
      ([, type, list]) => [type, list?.split(',').map((s) => s.trim())],
    );
    expect(declared).toEqual([
      ['SPOT', [...PACKAGED_ENVIRONMENTS.spot.instanceTypes]],
      ['EC2', [...PACKAGED_ENVIRONMENTS.mpi.instanceTypes]],
    ]);
  });

  it('prices every size of the packaged families', () => {
    const families = [
      ...PACKAGED_ENVIRONMENTS.spot.instanceTypes,
      ...PACKAGED_ENVIRONMENTS.mpi.instanceTypes,
    ];
    for (const family of families) {
      expect(
        Object.keys(prices.ec2OnDemandPerHour).filter((t) => t.startsWith(`${family}.`)).length,
      ).toBeGreaterThan(5);
    }
  });

  it('takes the type that prices the job lowest: a memory-heavy job goes to r5, not a bigger c5', () => {
    const rate = rateOf({ vcpus: 1, memoryMiB: 6000 }, PACKAGED_ENVIRONMENTS.spot, prices);
    // c5.large holds 3960 MiB. Shares: c5.xlarge 6000/7952 of 0.17 $/h, m5.large 6000/7952 of
    // 0.096, r5.large 1/2 (vCPUs; 6000/15938 of its memory) of 0.126 — the lowest.
    expect(rate.instance_type).toBe('r5.large');
    expect(rate.share).toBe(0.5);
    expect(rate.usd_per_hour).toBeCloseTo(0.126 * 0.5 * prices.spotFractionOfOnDemand, 9);
    const small = rateOf({ vcpus: 1, memoryMiB: 1024 }, PACKAGED_ENVIRONMENTS.spot, prices);
    expect(small).toMatchObject({ instance_type: 'c5.large', purchase: 'spot', share: 0.5 });
  });

  it('refuses a job no priced type holds', () => {
    expect(() => rateOf({ vcpus: 500, memoryMiB: 1024 }, PACKAGED_ENVIRONMENTS.spot, prices)).toThrow(
      ConfigError,
    );
  });
});
