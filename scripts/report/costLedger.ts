import type { JobTimings } from '@seisless/core';
import { type JobShape, PACKAGED_ENVIRONMENTS, rateOf } from './ledgerInstance';
import type {
  CostLedger,
  LambdaCompute,
  LedgerAttempt,
  LedgerLine,
  LedgerLineName,
  MeasuredUsage,
  PricedAttempt,
} from './ledgerTypes';
import type { PriceTable } from './priceTable';

/** What the ledger is computed from. */
export interface LedgerInputs {
  readonly prices: PriceTable;
  readonly compute: JobShape & { readonly mpiRanks: number; readonly spot?: boolean };
  /** The run's `timings/*.json`: one per attempt that finished its job. */
  readonly jobs: readonly JobTimings[];
  /** Lambda invocations by function, when the cloud counts them. */
  readonly invocations: Readonly<Record<string, number>> | undefined;
  /** Bytes under the run's prefix when the report is built, when known. */
  readonly storedBytes: number | undefined;
  readonly runWallS: number;
  readonly usage?: MeasuredUsage;
  /** Job time on the stated instance per second measured here, and how it was found. */
  readonly throughput?: { readonly ratio: number; readonly basis: string };
}

const GIB = 1024 ** 3;
const usd = (value: number) => Math.round(value * 1e10) / 1e10;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The attempts that wrote timings (all of them finished their job). */
function attemptsOfTimings(jobs: readonly JobTimings[]): LedgerAttempt[] {
  return jobs.map((j) => ({
    iteration: j.iteration,
    task: j.task,
    shot: j.shot,
    attempt: j.attempt,
    failed: false,
    wall_s: j.total_s,
    vcpus: j.vcpus,
    nodes: j.ranks,
  }));
}

function line(usdValue: number | null, quantities: Record<string, number | null>): LedgerLine {
  return { usd: usdValue === null ? null : usd(usdValue), quantities };
}

/** Why a line's counts are missing: the cloud's stated reason, else `fallback`. */
function missing(inputs: LedgerInputs, name: LedgerLineName, fallback: string): string {
  return inputs.usage?.sources?.[name] ?? fallback;
}

function lambdaLine(inputs: LedgerInputs, unpriced: string[]): LedgerLine {
  const { prices, invocations, usage } = inputs;
  const requests = invocations === undefined ? null : sum(Object.values(invocations));
  if (requests === null) unpriced.push('lambda requests (this cloud does not count invocations)');
  const compute = usage?.lambdaCompute === undefined ? undefined : Object.values(usage.lambdaCompute);
  const gbSecondsOf = (f: LambdaCompute) => (f.billedMs / 1000) * (f.memoryMb / 1024);
  const gbSeconds = compute === undefined ? null : sum(compute.map(gbSecondsOf));
  if (gbSeconds === null)
    unpriced.push(`lambda GB-seconds (${missing(inputs, 'lambda', 'no billed durations counted')})`);
  const priced = [
    requests === null ? null : requests * prices.lambdaPerRequest,
    compute === undefined
      ? null
      : sum(compute.map((f) => gbSecondsOf(f) * prices.lambdaPerGbSecond[f.architecture])),
  ].filter((v): v is number => v !== null);
  const arm64 =
    compute === undefined ? null : sum(compute.filter((f) => f.architecture === 'arm64').map(gbSecondsOf));
  return line(priced.length === 0 ? null : sum(priced), {
    requests,
    gb_seconds: gbSeconds,
    arm64_gb_seconds: arm64,
  });
}

function s3Line(inputs: LedgerInputs, unpriced: string[]): LedgerLine {
  const { prices, storedBytes, runWallS, usage } = inputs;
  const months = runWallS / 86400 / prices.s3DaysPerMonth;
  const gbMonths = storedBytes === undefined ? null : (storedBytes / GIB) * months;
  if (gbMonths === null) unpriced.push('s3 storage (the run prefix was not listed)');
  const r = usage?.s3Requests;
  if (r === undefined)
    unpriced.push(`s3 requests (${missing(inputs, 's3', 'this cloud does not count them')})`);
  const requests =
    r === undefined
      ? null
      : r.get * prices.s3GetPerRequest + r.put * prices.s3PutPerRequest + r.list * prices.s3ListPerRequest;
  const parts = [gbMonths === null ? null : gbMonths * prices.s3PerGbMonth, requests];
  const priced = parts.filter((v): v is number => v !== null);
  return line(priced.length === 0 ? null : sum(priced), {
    stored_gb: storedBytes === undefined ? null : storedBytes / GIB,
    gb_months: gbMonths,
    get: r?.get ?? null,
    put: r?.put ?? null,
    list: r?.list ?? null,
  });
}

/**
 * The run's cost ledger: every Batch attempt priced on the packaged stack's compute environment
 * (its share of the instance, Spot or on-demand), then Lambda, SQS, Step Functions and S3 from
 * what the cloud counted. A part nobody counted is `null`, named in `unpriced` and left out of
 * the total, which is the sum of the lines.
 */
export function costLedger(inputs: LedgerInputs): CostLedger {
  const { prices, compute, usage } = inputs;
  const notes: string[] = [];
  const unpriced: string[] = [];
  // Multi-node jobs and `spot: false` run on the on-demand environment (services/submitter).
  const environment = compute.mpiRanks > 1 || compute.spot === false ? 'mpi' : 'spot';
  const env = PACKAGED_ENVIRONMENTS[environment];
  const rate = rateOf(compute, env, prices);
  const ratio = inputs.throughput?.ratio ?? 1;
  const basis =
    inputs.throughput?.basis ??
    `measured job times priced as if on ${rate.instance_type} unscaled (ratio 1.0): no measurement of this machine's throughput against ${rate.instance_type} exists`;
  const measured = usage?.batchAttempts;
  const source = measured ?? attemptsOfTimings(inputs.jobs);
  if (measured === undefined) {
    const lost = sum(inputs.jobs.map((j) => j.attempt - 1));
    if (lost > 0)
      unpriced.push(`${lost} failed Batch attempt(s) before a retry (no timings; Batch attempts not given)`);
  }
  // An array child's shot is not in its name: its timings (same Batch job id) have it.
  const shotOfJob = new Map(
    inputs.jobs.flatMap((j) => (j.jobId === null ? [] : [[j.jobId, j.shot] as const])),
  );
  const attempts: PricedAttempt[] = source.map((a) => ({
    ...a,
    shot: a.shot ?? (a.job_id === undefined ? null : (shotOfJob.get(a.job_id) ?? null)),
    instance_type: rate.instance_type,
    purchase: rate.purchase,
    usd: usd(((a.wall_s * ratio) / 3600) * rate.usd_per_hour * a.nodes),
  }));
  const iterations = [...new Set(attempts.map((a) => a.iteration))].sort((a, b) => a - b);
  const perIteration = iterations.map((k) => {
    const of = attempts.filter((a) => a.iteration === k);
    return {
      k,
      attempts: of.length,
      failed_attempts: of.filter((a) => a.failed).length,
      batch_usd: usd(sum(of.map((a) => a.usd))),
    };
  });
  const batch = line(sum(attempts.map((a) => a.usd)), {
    attempts: attempts.length,
    failed_attempts: attempts.filter((a) => a.failed).length,
    instance_hours: sum(attempts.map((a) => (a.wall_s * ratio * a.nodes) / 3600)),
    share_of_instance: rate.share,
    usd_per_hour: rate.usd_per_hour,
  });
  const sqs = usage?.sqsRequests;
  if (sqs === undefined)
    unpriced.push(`sqs requests (${missing(inputs, 'sqs', 'this cloud does not count them')})`);
  const transitions = usage?.stepFunctionsTransitions;
  if (transitions === undefined)
    unpriced.push(
      `step functions state transitions (${missing(inputs, 'step_functions', 'this cloud does not count them')})`,
    );
  const lines = {
    batch_ec2: batch,
    lambda: lambdaLine(inputs, unpriced),
    sqs: line(
      sqs === undefined
        ? null
        : sqs.standard * prices.sqsStandardPerRequest + sqs.fifo * prices.sqsFifoPerRequest,
      { standard: sqs?.standard ?? null, fifo: sqs?.fifo ?? null },
    ),
    step_functions: line(transitions === undefined ? null : transitions * prices.stepFunctionsPerTransition, {
      transitions: transitions ?? null,
      // How its waits ended: what the transitions bought (a wait that times out costs a check).
      waits_woken: usage?.stateMachineWaits?.woken ?? null,
      waits_timed_out: usage?.stateMachineWaits?.timedOut ?? null,
    }),
    s3: s3Line(inputs, unpriced),
  };
  notes.push(`job time: ${basis}`);
  if (unpriced.length > 0) notes.push(`not in the total (not counted): ${unpriced.join('; ')}`);
  return {
    prices: { region: prices.region, date: prices.date, source: prices.source, spot: prices.spotSource },
    priced_as: {
      environment,
      instance_types: env.instanceTypes,
      purchase: env.purchase,
      throughput_ratio: ratio,
      basis,
    },
    attempts,
    per_iteration: perIteration,
    ...lines,
    total_usd: usd(sum(Object.values(lines).map((l) => l.usd ?? 0))),
    sources: usage?.sources ?? {},
    unpriced,
    notes,
  };
}
