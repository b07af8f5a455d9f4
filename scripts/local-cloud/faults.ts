import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '@seisless/core';
import { type Random, streamFor } from './random';

/** Faults the local cloud injects; every rate is a probability in [0, 1], every delay in ms. */
export interface FaultConfig {
  /** Seed of the pseudo-random draws: the same seed and traffic give the same faults. */
  seed: number;
  /** Chance that an SQS message handed to a function is handed over again in a later batch. */
  sqsDuplicateRate: number;
  /** Chance that an invocation fails before the handler runs (no side effects). */
  lambdaCrashBeforeRate: number;
  /** Chance that an invocation is reported failed after the handler ran (side effects done). */
  lambdaCrashAfterRate: number;
  /** Chance that a Batch job attempt is killed like a spot interruption. */
  batchKillRate: number;
  /** A killed attempt dies at a uniformly random time within this many ms of starting. */
  batchKillWindowMs: number;
  /** Added before every Lambda invocation. */
  lambdaDelayMs: number;
  /** Added before every event-source batch is handed to its function. */
  sqsDelayMs: number;
  /** Added before every S3 event notification is delivered. */
  s3EventDelayMs: number;
  /** Time a Batch job spends in STARTING before its process starts. */
  batchStartDelayMs: number;
  /** Function names the Lambda faults apply to; empty means all. */
  functions: string[];
  /** Invocations (1-based, counted per targeted function) that fail before the handler runs. */
  lambdaCrashBeforeInvocations: number[];
  /** Handler completions (1-based, counted per targeted function) reported failed instead. */
  lambdaCrashAfterInvocations: number[];
}

export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  seed: 1,
  sqsDuplicateRate: 0,
  lambdaCrashBeforeRate: 0,
  lambdaCrashAfterRate: 0,
  batchKillRate: 0,
  batchKillWindowMs: 1000,
  lambdaDelayMs: 0,
  sqsDelayMs: 0,
  s3EventDelayMs: 0,
  batchStartDelayMs: 0,
  functions: [],
  lambdaCrashBeforeInvocations: [],
  lambdaCrashAfterInvocations: [],
});

/** How many faults were actually injected since the cloud started (resetFaults keeps the counts). */
export interface FaultCounts {
  /** SQS messages handed to a function a second time. */
  sqsDuplicates: number;
  /** Invocations failed before their handler ran. */
  lambdaCrashesBefore: number;
  /** Invocations reported failed after their handler ran. */
  lambdaCrashesAfter: number;
  /** Batch attempts killed like a spot interruption (only kills that happened: an attempt that ends first is not killed). */
  batchKills: number;
}

const NO_COUNTS: Readonly<FaultCounts> = Object.freeze({
  sqsDuplicates: 0,
  lambdaCrashesBefore: 0,
  lambdaCrashesAfter: 0,
  batchKills: 0,
});

const RATES = ['sqsDuplicateRate', 'lambdaCrashBeforeRate', 'lambdaCrashAfterRate', 'batchKillRate'] as const;
/** Deterministic crashes: "crash the n-th invocation of the targeted functions". */
const INVOCATION_LISTS = ['lambdaCrashBeforeInvocations', 'lambdaCrashAfterInvocations'] as const;
const DELAYS = [
  'batchKillWindowMs',
  'lambdaDelayMs',
  'sqsDelayMs',
  's3EventDelayMs',
  'batchStartDelayMs',
] as const;

/** Checks a partial fault configuration, naming the first bad field. */
export function validateFaults(input: unknown, source: string): Partial<FaultConfig> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(`${source}: faults must be a JSON object`);
  }
  const known = new Set<string>(['seed', 'functions', ...INVOCATION_LISTS, ...RATES, ...DELAYS]);
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key))
      throw new ConfigError(`${source}: unknown fault '${key}'; expected one of ${[...known]}`);
    const isRate = (RATES as readonly string[]).includes(key);
    if ((INVOCATION_LISTS as readonly string[]).includes(key)) {
      if (!Array.isArray(value) || value.some((n) => !Number.isInteger(n) || n < 1)) {
        throw new ConfigError(
          `${source}: ${key} is ${JSON.stringify(value)}; expected a list of integers ≥ 1`,
        );
      }
    } else if (key === 'functions') {
      if (!Array.isArray(value) || value.some((name) => typeof name !== 'string')) {
        throw new ConfigError(`${source}: functions is ${JSON.stringify(value)}; expected a list of names`);
      }
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (isRate && value > 1)) {
      const expected = isRate ? 'a probability in [0, 1]' : 'a number ≥ 0';
      throw new ConfigError(`${source}: ${key} is ${JSON.stringify(value)}; expected ${expected}`);
    }
  }
  return input as Partial<FaultConfig>;
}

/** The fault injector shared by every emulated service; configuration can change at any time. */
export class Faults {
  private current: FaultConfig = { ...NO_FAULTS };
  private streams = new Map<string, Random>();
  private counts: FaultCounts = { ...NO_COUNTS };
  /** Invocations started and handler completions of each targeted function (the `…Invocations` lists). */
  private started = new Map<string, number>();
  private completed = new Map<string, number>();

  private next(counter: Map<string, number>, functionName: string): number {
    const n = (counter.get(functionName) ?? 0) + 1;
    counter.set(functionName, n);
    return n;
  }

  constructor(config: Partial<FaultConfig> = {}) {
    this.set(config);
  }

  get config(): Readonly<FaultConfig> {
    return this.current;
  }

  /** The faults injected so far (a copy). */
  get injected(): Readonly<FaultCounts> {
    return { ...this.counts };
  }

  private fired(kind: keyof FaultCounts, fired: boolean): boolean {
    if (fired) this.counts[kind] += 1;
    return fired;
  }

  /** Merges a partial configuration; a new seed restarts every pseudo-random stream. */
  set(config: Partial<FaultConfig>): void {
    validateFaults(config, 'faults');
    if (config.seed !== undefined && config.seed !== this.current.seed) this.streams.clear();
    this.current = { ...this.current, ...config };
  }

  /** Replaces the whole configuration (unset fields back to no faults). */
  reset(config: Partial<FaultConfig> = {}): void {
    this.streams.clear();
    this.current = { ...NO_FAULTS };
    this.set(config);
  }

  private draw(stream: string): number {
    let random = this.streams.get(stream);
    if (!random) {
      random = streamFor(this.current.seed, stream);
      this.streams.set(stream, random);
    }
    return random.next();
  }

  private targets(functionName: string): boolean {
    return this.current.functions.length === 0 || this.current.functions.includes(functionName);
  }

  duplicateDelivery(): boolean {
    const rate = this.current.sqsDuplicateRate;
    return this.fired('sqsDuplicates', rate > 0 && this.draw('sqsDuplicate') < rate);
  }

  /** Called once per invocation, before the handler: counts it, then decides its crash. */
  crashBefore(functionName: string): boolean {
    if (!this.targets(functionName)) return false;
    const n = this.next(this.started, functionName);
    const rate = this.current.lambdaCrashBeforeRate;
    const planned = this.current.lambdaCrashBeforeInvocations.includes(n);
    return this.fired('lambdaCrashesBefore', planned || (rate > 0 && this.draw('lambdaCrashBefore') < rate));
  }

  /** Called when a handler completed successfully: counts the completion, then decides its crash. */
  crashAfter(functionName: string): boolean {
    if (!this.targets(functionName)) return false;
    const rate = this.current.lambdaCrashAfterRate;
    const planned = this.current.lambdaCrashAfterInvocations.includes(
      this.next(this.completed, functionName),
    );
    return this.fired('lambdaCrashesAfter', planned || (rate > 0 && this.draw('lambdaCrashAfter') < rate));
  }

  /** Counts a planned Batch kill that happened (the attempt was still running when its time came). */
  batchKilled(): void {
    this.counts.batchKills += 1;
  }

  /** When this attempt is to be killed: ms after it starts, or undefined for no kill. */
  batchKillAfterMs(): number | undefined {
    const rate = this.current.batchKillRate;
    if (rate <= 0 || this.draw('batchKill') >= rate) return undefined;
    return this.draw('batchKillTime') * this.current.batchKillWindowMs;
  }

  async delay(kind: 'lambdaDelayMs' | 'sqsDelayMs' | 's3EventDelayMs' | 'batchStartDelayMs'): Promise<void> {
    const ms = this.current[kind];
    if (ms > 0) await sleep(ms);
  }
}
