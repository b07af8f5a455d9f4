/**
 * The reducer queue's deployed settings, in one place for the code that depends on them
 * (services/gradient-reducer/serverless.yml declares the same numbers; a unit test keeps the
 * two equal).
 *
 * Sizing (services/gradient-reducer/README.md, "Timeouts and recovery"): one accumulator update
 * of the largest chunk (262144 floats, 1 MiB) is ~35 ms of compute and, on AWS S3, about three
 * round trips of 100–200 ms (read accumulator and chunks, write the accumulator), so about 0.6 s:
 * the function timeout is Lambda's 1 s minimum step. A crash the handler cannot report returns
 * its batch after the visibility timeout, DESIGN §4's 6 × the function timeout.
 */
export const REDUCER_QUEUE = Object.freeze({
  /** `functions.reduce.timeout` (s). */
  functionTimeoutS: 1,
  /** The FIFO queue's `VisibilityTimeout` (s): 6 × the function timeout. */
  visibilityTimeoutS: 6,
  /** The redrive policy's `maxReceiveCount`: receives before a message is dead-lettered. */
  maxReceiveCount: 10,
});

/**
 * The longest a message of a succeeded job can take to be summed or dead-lettered: every
 * receive failing and coming back only after the visibility timeout, plus a minute for the
 * last reduction and the status poll.
 *
 * @example
 * reductionHorizonSeconds(); // 10 × 6 + 60 = 120
 */
export function reductionHorizonSeconds(settings = REDUCER_QUEUE): number {
  return settings.maxReceiveCount * settings.visibilityTimeoutS + 60;
}
