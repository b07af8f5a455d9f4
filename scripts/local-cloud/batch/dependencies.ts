import type { Job } from './model';

/**
 * The jobs a job waits for. A plain dependency waits for the whole job (an array parent waits for
 * all its children); N_TO_N makes child i wait for child i of the other array; SEQUENTIAL makes
 * child i wait for child i-1 of its own array.
 */
export function prerequisites(job: Job, lookup: (jobId: string) => Job | undefined): Job[] {
  const found: Job[] = [];
  for (const dependency of job.dependsOn) {
    if (dependency.type === 'SEQUENTIAL' && dependency.jobId === undefined) {
      const sibling =
        job.arrayIndex && job.parentId ? lookup(`${job.parentId}:${job.arrayIndex - 1}`) : undefined;
      if (sibling) found.push(sibling);
      continue;
    }
    const other = dependency.jobId === undefined ? undefined : lookup(dependency.jobId);
    if (!other) continue;
    const counterpart =
      dependency.type === 'N_TO_N' && job.arrayIndex !== undefined && other.arraySize !== undefined
        ? lookup(`${other.jobId}:${job.arrayIndex}`)
        : undefined;
    found.push(counterpart ?? other);
  }
  return found;
}

/** `ready` when every prerequisite succeeded, `failed` as soon as one failed, else `waiting`. */
export function dependencyState(prereqs: Job[]): 'ready' | 'failed' | 'waiting' {
  if (prereqs.some((job) => job.status === 'FAILED')) return 'failed';
  return prereqs.every((job) => job.status === 'SUCCEEDED') ? 'ready' : 'waiting';
}
