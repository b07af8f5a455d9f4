import { shotOfKey } from '../storage/keys';

/** The run, iteration and shot one item of an event (a record, a task input, an S3 key) is about. */
export interface RunRef {
  readonly runId?: string;
  readonly iteration?: number;
  readonly shot?: number;
}

/**
 * The keys an invocation adds to each of its log lines: `runId`, `iteration` and `shot` when every
 * item of the event agrees on the value, or the sorted distinct values under `runIds`, `iterations`
 * and `shots` when a batch mixes them. A key no item carries is left out.
 */
export type RunLogKeys = Readonly<Record<string, string | number | readonly (string | number)[]>>;

const PLURALS = { runId: 'runIds', iteration: 'iterations', shot: 'shots' } as const;

/**
 * Folds the references of an event's items into its log keys.
 *
 * @example
 * runLogKeys([{ runId: 'r', shot: 3 }, { runId: 'r', shot: 1 }]) // { runId: 'r', shots: [1, 3] }
 */
export function runLogKeys(refs: readonly RunRef[]): RunLogKeys {
  const keys: Record<string, string | number | (string | number)[]> = {};
  for (const [key, plural] of Object.entries(PLURALS) as [keyof RunRef, string][]) {
    const values = [...new Set(refs.map((ref) => ref[key]).filter((v) => v !== undefined))];
    if (values.length === 1) keys[key] = values[0] as string | number;
    else if (values.length > 1) keys[plural] = values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return keys;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/**
 * The `runId`, `iteration` and `shot` fields of a JSON object, when present and well-formed.
 *
 * @example
 * runRefOfObject({ runId: 'demo', iteration: 2, kind: 'gradient' }) // { runId: 'demo', iteration: 2 }
 */
export function runRefOfObject(value: unknown): RunRef {
  if (typeof value !== 'object' || value === null) return {};
  const { runId, iteration, shot } = value as Record<string, unknown>;
  return {
    ...(typeof runId === 'string' && runId !== '' ? { runId } : {}),
    ...(isCount(iteration) ? { iteration } : {}),
    ...(isCount(shot) ? { shot } : {}),
  };
}

const RUN_IN_KEY = /^runs\/([^/]+)\//;
const ITERATION_IN_KEY = /\/iterations\/(\d+)\//;

/**
 * The run, iteration and shot an S3 key of the storage layout names (docs/contracts/storage.md).
 *
 * @example
 * runRefOfKey('runs/demo/iterations/3/gradients/shot-17.npy') // { runId: 'demo', iteration: 3, shot: 17 }
 */
export function runRefOfKey(key: string): RunRef {
  const runId = RUN_IN_KEY.exec(key)?.[1];
  const iteration = ITERATION_IN_KEY.exec(key)?.[1];
  const shot = shotOfKey(key);
  return {
    ...(runId !== undefined ? { runId } : {}),
    ...(iteration !== undefined ? { iteration: Number(iteration) } : {}),
    ...(shot !== undefined ? { shot } : {}),
  };
}
