import { TransientError } from '@seisless/core';

/**
 * Resolves or rejects as `read` does, unless `deadline` (epoch ms) comes first: then it rejects
 * with a TransientError naming `what`. The read itself carries on and its result is dropped: a
 * slow read becomes a failed record (retried at once) instead of a timed-out invocation (which
 * holds the FIFO group for the whole visibility timeout).
 *
 * @example
 * await beforeDeadline(store.get(ref, range), Date.now() + 400, 's3://b/k bytes 128-4223');
 */
export function beforeDeadline<T>(
  read: Promise<T>,
  deadline: number,
  what: string,
  done = "read by the invocation's read deadline",
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TransientError(`${what}: not ${done}; expected it sooner (retried at once)`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}
