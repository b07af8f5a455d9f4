import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Faults } from '../faults';
import type { InvokeResult } from '../lambda/service';
import type { SqsMapping } from '../wiring/model';
import { batchVerdict, handlesToDelete } from './batchResponse';
import { collectBatch } from './collectBatch';
import { type SqsRecord, toSqsRecord } from './records';

export interface EventSourceDeps {
  client: SQSClient;
  queueUrl: string;
  region: string;
  faults: Faults;
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  log: (line: string) => void;
  /** Long-poll time of an idle poller (s). */
  idleWaitS: number;
}

const ERROR_BACKOFF_MS = 500;

/**
 * One SQS event-source mapping: a poller that gathers batches as Lambda does and hands each to the
 * function, at most `maximumConcurrency` at a time. Messages are deleted only when their batch (or,
 * with ReportBatchItemFailures, the message itself) succeeded; the rest reappear after the
 * visibility timeout, count towards maxReceiveCount and so end up in the dead-letter queue.
 */
export class SqsEventSource {
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  /** Copies of delivered messages to hand over again (the duplicate-delivery fault). */
  private duplicates: SqsRecord[] = [];
  private loop?: Promise<void>;

  constructor(
    private readonly mapping: SqsMapping,
    private readonly deps: EventSourceDeps,
  ) {}

  start(): void {
    if (this.mapping.enabled) this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      while (this.inFlight.size >= this.mapping.maximumConcurrency) await Promise.race(this.inFlight);
      try {
        const messages = await collectBatch({
          receive: (max, waitS) => this.receive(max, this.duplicates.length > 0 ? 0 : waitS),
          batchSize: this.mapping.batchSize - Math.min(this.duplicates.length, this.mapping.batchSize - 1),
          windowMs: this.mapping.maximumBatchingWindowS * 1000,
          idleWaitS: this.deps.idleWaitS,
          isStopped: () => this.stopped,
        });
        this.dispatch(messages);
      } catch (error) {
        if (this.stopped) break;
        this.deps.log(`sqs event source ${this.mapping.queueName}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, ERROR_BACKOFF_MS));
      }
    }
  }

  private async receive(max: number, waitS: number): Promise<Message[]> {
    const result = await this.deps.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.deps.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitS,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return result.Messages ?? [];
  }

  private dispatch(messages: Message[]): void {
    const fresh = messages.map((message) => toSqsRecord(message, this.mapping.queueArn, this.deps.region));
    const records = [...this.duplicates.splice(0, this.mapping.batchSize - fresh.length), ...fresh];
    if (records.length === 0) return;
    for (const record of fresh) {
      if (this.deps.faults.duplicateDelivery())
        this.duplicates.push({ ...record, receiptHandle: `duplicate-${record.receiptHandle}` });
    }
    const task = this.deliver(records)
      .catch((error: Error) =>
        this.deps.log(`${this.mapping.functionName}: delivery failed: ${error.message}`),
      )
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async deliver(records: SqsRecord[]): Promise<void> {
    await this.deps.faults.delay('sqsDelayMs');
    const result = await this.deps.invoke(this.mapping.functionName, { Records: records });
    const ids = records.map((record) => record.messageId);
    const verdict = batchVerdict(
      result.ok,
      result.ok ? result.payload : undefined,
      ids,
      this.mapping.reportBatchItemFailures,
    );
    if (verdict.kind === 'failure' && result.ok)
      this.deps.log(`${this.mapping.functionName}: ${verdict.reason}`);
    const handles = handlesToDelete(verdict, records).filter((handle) => !handle.startsWith('duplicate-'));
    await this.delete(handles);
  }

  private async delete(handles: string[]): Promise<void> {
    for (let start = 0; start < handles.length; start += 10) {
      const entries = handles
        .slice(start, start + 10)
        .map((ReceiptHandle, index) => ({ Id: `m${index}`, ReceiptHandle }));
      await this.deps.client.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.deps.queueUrl, Entries: entries }),
      );
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }
}
