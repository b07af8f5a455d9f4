/** `runs/{runId}/state.json`: what `seisless status` shows and what a resume starts from. */
export interface RunState {
  readonly runId: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  readonly algorithm: 'rtm' | 'lsrtm' | 'fwi';
  readonly iterations: number;
  readonly completedIterations: number;
  /** Objective value per completed iteration (index k − 1). */
  readonly objectives: readonly (number | null)[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt?: string;
  readonly error?: { readonly Error: string; readonly Cause: string };
}

/** The run context the state machine carries between states (docs/contracts/state-machine.md). */
export interface RunContext {
  readonly runId: string;
  readonly algorithm: 'rtm' | 'lsrtm' | 'fwi';
  readonly iteration: number;
  readonly iterations: number;
  readonly needsModel: boolean;
  readonly needsObserved: boolean;
  readonly pollSeconds: number;
  readonly done: boolean;
}

/** The number of iterations an algorithm runs (RTM is a single migration). */
export function iterationCount(
  algorithm: { kind: 'rtm' } | { kind: 'lsrtm' | 'fwi'; iterations: number },
): number {
  return algorithm.kind === 'rtm' ? 1 : algorithm.iterations;
}
