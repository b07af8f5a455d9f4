/**
 * What Lambda's SQS event source does with a function's answer: which messages of the batch it
 * deletes. Rules from the Lambda documentation on partial batch responses.
 */

export type BatchVerdict =
  | { kind: 'success' }
  | { kind: 'failure'; reason: string }
  | { kind: 'partial'; failed: Set<string> };

/**
 * @param invoked whether the invocation succeeded (no error, no timeout, no crash)
 * @param response the function's return value
 * @param messageIds the message ids of the batch
 * @param reportBatchItemFailures whether the mapping has `functionResponseType: ReportBatchItemFailures`
 */
export function batchVerdict(
  invoked: boolean,
  response: unknown,
  messageIds: readonly string[],
  reportBatchItemFailures: boolean,
): BatchVerdict {
  if (!invoked) return { kind: 'failure', reason: 'the invocation failed' };
  if (!reportBatchItemFailures || response === null || response === undefined) return { kind: 'success' };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { kind: 'failure', reason: 'the response is not a batch item failures object' };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !known.has(id)) {
      return {
        kind: 'failure',
        reason: `itemIdentifier ${JSON.stringify(id)} is not a message of the batch`,
      };
    }
    failed.add(id);
  }
  return { kind: 'partial', failed };
}

/** The receipt handles to delete for a verdict. */
export function handlesToDelete(
  verdict: BatchVerdict,
  batch: readonly { messageId: string; receiptHandle: string }[],
): string[] {
  if (verdict.kind === 'failure') return [];
  if (verdict.kind === 'success') return batch.map((message) => message.receiptHandle);
  return batch
    .filter((message) => !verdict.failed.has(message.messageId))
    .map((message) => message.receiptHandle);
}
