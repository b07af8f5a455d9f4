import { ConfigError } from '@seisless/core';
import { instanceTypesOf, reservableMemoryMib } from '../local-cloud/batch/instanceTypes';
import type { PriceTable } from './priceTable';

/** A compute environment of the packaged stack as the ledger prices it. */
export interface PricedEnvironment {
  /** The `InstanceTypes` entries (families or types) the environment may launch. */
  readonly instanceTypes: readonly string[];
  readonly purchase: 'spot' | 'on-demand';
}

/**
 * The packaged stack's compute environments (services/submitter/serverless.yml, checked by
 * tests/unit/cli/report/ledgerInstance.test.ts): single-node jobs on Spot c5/m5/r5, multi-node
 * (MPI) jobs on on-demand c5n/c5 (Batch runs no multi-node parallel jobs on Spot).
 */
export const PACKAGED_ENVIRONMENTS = {
  spot: { instanceTypes: ['c5', 'm5', 'r5'], purchase: 'spot' },
  mpi: { instanceTypes: ['c5n', 'c5'], purchase: 'on-demand' },
} as const satisfies Record<string, PricedEnvironment>;

/** What a job asks of one node. */
export interface JobShape {
  readonly vcpus: number;
  readonly memoryMiB: number;
}

/** Where and at what hourly rate one node of a job is priced. */
export interface InstanceRate {
  readonly instance_type: string;
  readonly purchase: 'spot' | 'on-demand';
  /** The job's share of the instance: the larger of its vCPU and its memory share. */
  readonly share: number;
  /** USD per hour of the job's share (Spot already applied). */
  readonly usd_per_hour: number;
}

/**
 * The hourly rate of one node of a job: its share (the larger of its vCPU and reservable-memory
 * shares) of the type, among those the environment may launch and that hold the job, that prices
 * this share lowest. Batch packs several such jobs on one instance, so the share, not the whole
 * instance, is what the job costs.
 *
 * @example
 * rateOf({ vcpus: 1, memoryMiB: 2048 }, PACKAGED_ENVIRONMENTS.spot, prices);
 * // { instance_type: 'c5.large', purchase: 'spot', share: 0.54, usd_per_hour: 0.0155… }
 */
export function rateOf(job: JobShape, environment: PricedEnvironment, prices: PriceTable): InstanceRate {
  let best: InstanceRate | undefined;
  for (const type of environment.instanceTypes.flatMap((entry) => instanceTypesOf(entry) ?? [])) {
    const onDemand = prices.ec2OnDemandPerHour[type.name];
    const memory = reservableMemoryMib(type);
    if (onDemand === undefined || type.vcpus < job.vcpus || memory < job.memoryMiB) continue;
    const share = Math.max(job.vcpus / type.vcpus, job.memoryMiB / memory);
    const fraction = environment.purchase === 'spot' ? prices.spotFractionOfOnDemand : 1;
    const usd = onDemand * share * fraction;
    // Sizes of a family cost the same per vCPU: the smallest wins a tie (and rounding does not).
    if (best === undefined || usd < best.usd_per_hour * (1 - 1e-9)) {
      best = { instance_type: type.name, purchase: environment.purchase, share, usd_per_hour: usd };
    }
  }
  if (best === undefined) {
    throw new ConfigError(
      'cost ledger: instance type',
      `a job of ${job.vcpus} vCPUs and ${job.memoryMiB} MiB`,
      `a priced type of ${environment.instanceTypes.join(', ')} that holds it (price table: ${Object.keys(prices.ec2OnDemandPerHour).length} types)`,
    );
  }
  return best;
}
