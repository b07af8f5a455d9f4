import { lambdaHandler, sqsLogKeys } from '@seisless/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { recordDeadLetters } from '../deadLetters';
import { describeError } from '../describeError';
import { wakePorts } from '../ports';

/** Dead-letter queue → one dead-letter record per message in its run's folder. */
export const handler = lambdaHandler(
  { service: 'seisless-gradient-reducer', logKeys: sqsLogKeys, deps: wakePorts },
  async (event: SQSEvent, { logger, deps }): Promise<SQSBatchResponse> => {
    const result = await recordDeadLetters(event.Records, { ...deps, now: () => new Date() });
    // The runs that lost a chunk: their state machine decides at once (AssessFailures), not at its bound.
    await Promise.all(result.runIds.map((runId) => deps.wake(runId, 'a gradient message was dead-lettered')));
    logger.warn('deadLetters', {
      recorded: result.recorded,
      failures: result.failures.map((f) => ({ messageId: f.messageId, ...describeError(f.error) })),
    });
    return { batchItemFailures: result.batchItemFailures };
  },
);
