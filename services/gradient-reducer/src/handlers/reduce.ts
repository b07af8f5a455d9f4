import { setTimeout as sleep } from 'node:timers/promises';
import { lambdaHandler, REDUCER_QUEUE, sqsLogKeys } from '@seisless/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { completionSignals } from '../completionSignal';
import { describeError } from '../describeError';
import { groupDeliveries } from '../groupDeliveries';
import type { RetryPolicy } from '../groupRetries';
import { reducePorts } from '../ports';
import { beforeDeadline } from '../readDeadline';
import { reduceBatch } from '../reduceBatch';
import type { ChunkOfRun } from '../reduceGroup';
import { resetVisibility } from '../visibilityReset';

/**
 * Reads must be done this long before the deadline: the accumulator PUT (~0.1–0.25 s for 1 MiB on
 * AWS) and the visibility reset still have to fit. A later read fails its record (retried at once)
 * rather than letting the invocation time out (its batch would wait out the visibility timeout).
 */
const PUT_RESERVE_MS = 400;

/** Kept for the visibility reset after the accumulator's PUT and the completion signal. */
const RESET_RESERVE_MS = 150;

/** Three retries, 0–50, 0–100, 0–200 ms apart, keeping 150 ms for the visibility reset. */
function retryPolicy(context: Context): RetryPolicy {
  return {
    retries: 3,
    baseDelayMs: 50,
    reserveMs: RESET_RESERVE_MS,
    remainingMs: () => context.getRemainingTimeInMillis(),
    sleep: (ms) => sleep(ms),
    random: Math.random,
  };
}

/**
 * SQS (FIFO) → exactly-once accumulator merge. Records that still fail after the in-handler
 * retries are reported as batch item failures AND made visible again at once, so their FIFO group
 * is retried in seconds rather than after the visibility timeout.
 */
export const handler = lambdaHandler(
  { service: 'seisless-gradient-reducer', logKeys: sqsLogKeys, deps: reducePorts },
  async (event: SQSEvent, { context, logger, deps }): Promise<SQSBatchResponse> => {
    const { store, bucket, changeVisibility, wake } = deps;
    const readsBy = Date.now() + context.getRemainingTimeInMillis() - PUT_RESERVE_MS;
    // A signal still going at the deadline fails its records, reset to be redelivered at once
    // (skipped by the manifest, then signalled again) rather than timing the invocation out,
    // which would hold the group for the whole visibility timeout at the reduction's very end.
    const signalBy = Date.now() + context.getRemainingTimeInMillis() - RESET_RESERVE_MS;
    const signal = completionSignals({ store, bucket, wake });
    const onChunkComplete = (chunk: ChunkOfRun) =>
      beforeDeadline(
        signal(chunk),
        signalBy,
        `the completion signal of chunk ${chunk.chunk}`,
        "sent by the invocation's deadline",
      );
    const logic = {
      store,
      bucket,
      now: () => new Date(),
      readsBy,
      // A PUT still going then fails its records (retried at once; a late landing is safe: it is
      // conditional) rather than timing the invocation out.
      writesBy: signalBy,
      retry: retryPolicy(context),
      onChunkComplete,
    };
    const result = await reduceBatch(event.Records, logic);
    const failedIds = result.batchItemFailures.map((f) => f.itemIdentifier);
    const visibility =
      failedIds.length === 0
        ? undefined
        : await resetVisibility(event.Records, failedIds, changeVisibility, REDUCER_QUEUE.visibilityTimeoutS);
    // `reduce` lines carry the batch's outcome counts (the fault tests sum them).
    logger.info('reduce', {
      counts: result.counts,
      failures: result.failures.map((f) => ({ messageId: f.messageId, ...describeError(f.error) })),
      rejections: result.rejections.map((r) => ({
        messageId: r.messageId,
        reason: r.reason,
        ...describeError(r.error),
      })),
      ...(visibility && { visibilityReset: visibility }),
      // Per chunk: receives and outcome; the run report's crash recovery rows come from these.
      groups: groupDeliveries(event.Records, failedIds),
    });
    return { batchItemFailures: result.batchItemFailures };
  },
);
