import type { RunSpec } from '../spec/runSpec';

/**
 * The S3 key layout of a run (contract: docs/contracts/storage.md, DESIGN §5).
 * Every key of the system is built here, so the layout lives in one place.
 *
 * @example
 * runKeys('demo').gradient(3, 17) // 'runs/demo/iterations/3/gradients/shot-17.npy'
 */
export function runKeys(runId: string) {
  const root = `runs/${runId}`;
  const iteration = (k: number) => `${root}/iterations/${k}`;
  return {
    root,
    spec: `${root}/spec.json`,
    state: `${root}/state.json`,
    /** The task token the state machine waits on now (contracts/runWake.ts). */
    waiter: `${root}/waiter.json`,
    /** The latest wake-up signal: when and why (contracts/runWake.ts). */
    wake: `${root}/wake.json`,
    input: (name: string) => `${root}/inputs/${name}.npy`,
    shotData: (shot: number) => `${root}/data/shot-${shot}.npy`,
    shotDataTemplate: `${root}/data/shot-{shot}.npy`,
    shotSidecar: (shot: number) => `${root}/data/shot-${shot}.json`,
    dataPrefix: `${root}/data/`,
    /** The background's modelled record F(m0) of each shot (+ sidecar), for reflection data. */
    backgroundDataTemplate: `${root}/background-data/shot-{shot}.npy`,
    iteration,
    iterationsPrefix: `${root}/iterations/`,
    gradient: (k: number, shot: number) => `${iteration(k)}/gradients/shot-${shot}.npy`,
    gradientTemplate: (k: number) => `${iteration(k)}/gradients/shot-{shot}.npy`,
    gradientsPrefix: (k: number) => `${iteration(k)}/gradients/`,
    accumulator: (k: number, chunk: number) => `${iteration(k)}/accumulators/chunk-${chunk}.npy`,
    accumulatorsPrefix: (k: number) => `${iteration(k)}/accumulators/`,
    /** An empty marker: chunk c's manifest holds the whole batch (the reducer counts them). */
    chunkComplete: (k: number, chunk: number) => `${iteration(k)}/complete/chunk-${chunk}`,
    chunksCompletePrefix: (k: number) => `${iteration(k)}/complete/`,
    deadLetter: (k: number, shot: number, chunk: number) =>
      `${iteration(k)}/dead-letters/shot-${shot}-chunk-${chunk}.json`,
    deadLettersPrefix: (k: number) => `${iteration(k)}/dead-letters/`,
    model: (k: number) => `${iteration(k)}/model.npy`,
    /** The iteration's full gradient, assembled from the accumulators (rescaled when shots failed). */
    fullGradient: (k: number) => `${iteration(k)}/gradient.npy`,
    /** What the full gradient is made of (reduction/assembledGradient.ts), written after it. */
    gradientSummary: (k: number) => `${iteration(k)}/gradient.json`,
    lineSearchState: (k: number) => `${iteration(k)}/line-search/state.json`,
    direction: (k: number) => `${iteration(k)}/direction.npy`,
    /** Sparse LS-RTM: the linearized Bregman dual iterate z_k, written by the sparsify job. */
    dual: (k: number) => `${iteration(k)}/dual.npy`,
    /** Sparse LS-RTM: the sparsify job's record (threshold λ, carried to the next iteration). */
    sparsityRecord: (k: number) => `${iteration(k)}/sparsity.json`,
    iterationSummary: (k: number) => `${iteration(k)}/summary.json`,
    task: (k: number, name: string) => `${iteration(k)}/tasks/${name}.json`,
    /** A failed job's record (jobs.md): named after its task file, per shot when the job had one. */
    jobFailure: (k: number, taskName: string, shot?: number) =>
      `${iteration(k)}/failures/${taskName}${shot === undefined ? '' : `-shot-${shot}`}.json`,
    failuresPrefix: (k: number) => `${iteration(k)}/failures/`,
    timingsTemplate: (k: number, task: string) => `${iteration(k)}/timings/${task}-shot-{shot}.json`,
    timingsPrefix: (k: number) => `${iteration(k)}/timings/`,
    /** The timings of a job without a shot (the model task). */
    taskTimings: (k: number, task: string) => `${iteration(k)}/timings/${task}.json`,
    lineSearchScalarTemplate: (k: number, trial: number) =>
      `${iteration(k)}/line-search/${trial}/shot-{shot}.json`,
    lineSearchPrefix: (k: number, trial: number) => `${iteration(k)}/line-search/${trial}/`,
    report: (file: string) => `${root}/report/${file}`,
  } as const;
}

/** The smooth background velocity: the spec's own object, or the one the model job writes. */
export function backgroundKey(spec: RunSpec, runId: string): string {
  return spec.background !== undefined && 'key' in spec.background
    ? spec.background.key
    : runKeys(runId).input('background');
}

/**
 * The key of the iterate x_{k-1} that iteration k starts from: the previous iteration's model,
 * or for k = 1 the background velocity (FWI) and no key at all for LS-RTM/RTM (a zero image).
 */
export function startingIterateKey(spec: RunSpec, runId: string, k: number): string | undefined {
  if (k > 1) return runKeys(runId).model(k - 1);
  return spec.algorithm.kind === 'fwi' ? backgroundKey(spec, runId) : undefined;
}

export type RunKeys = ReturnType<typeof runKeys>;

/** Where the reducer keeps a dead letter that names no run (for the operator). */
export const UNATTRIBUTED_DEAD_LETTERS_PREFIX = 'dead-letters/unattributed/';

/** The key of a dead letter that names no run, after its SQS message id. */
export function unattributedDeadLetterKey(messageId: string): string {
  return `${UNATTRIBUTED_DEAD_LETTERS_PREFIX}${encodeURIComponent(messageId)}.json`;
}

const SHOT_IN_KEY = /shot-(\d+)\.(?:npy|json)$/;

/** The shot id in a key such as `…/gradients/shot-17.npy`, or undefined. */
export function shotOfKey(key: string): number | undefined {
  const match = SHOT_IN_KEY.exec(key);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Replaces the `{shot}` placeholder of a key template. */
export function fillShot(template: string, shot: number): string {
  return template.replaceAll('{shot}', String(shot));
}
