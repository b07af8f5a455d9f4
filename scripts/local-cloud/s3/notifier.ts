import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults } from '../faults';
import type { InvokeResult } from '../lambda/service';
import type { S3Subscription } from '../wiring/model';
import { matchesSubscription, s3EventRecord } from './eventRecord';
import type { S3ChildEvent } from './server';

export interface NotifierDeps {
  subscriptions: S3Subscription[];
  region: string;
  faults: Faults;
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  log: (line: string) => void;
  /** Waits before the retries of a failed asynchronous invocation (Lambda retries twice). */
  retryDelaysMs: number[];
}

/**
 * S3 event notifications to Lambda: each stored or deleted object that matches a function's `s3`
 * event (bucket, event type, prefix, suffix) invokes it asynchronously, with Lambda's two retries.
 */
export class S3Notifier {
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: NotifierDeps) {}

  handle(event: S3ChildEvent): void {
    for (const subscription of this.deps.subscriptions) {
      if (!matchesSubscription(subscription, event.bucket, event.eventName, event.key)) continue;
      const configurationId = `${subscription.functionName}-${subscription.event}`;
      const payload = { Records: [s3EventRecord(event, this.deps.region, configurationId)] };
      const task = this.deliver(subscription.functionName, payload).finally(() => this.pending.delete(task));
      this.pending.add(task);
    }
  }

  private async deliver(functionName: string, payload: unknown): Promise<void> {
    await this.deps.faults.delay('s3EventDelayMs');
    for (let attempt = 0; !this.stopped; attempt += 1) {
      const result = await this.deps.invoke(functionName, payload);
      if (result.ok) return;
      const delay = this.deps.retryDelaysMs[attempt];
      if (delay === undefined) {
        this.deps.log(
          `${functionName}: S3 event dropped after ${attempt + 1} attempts: ${result.error.errorType}`,
        );
        return;
      }
      await sleep(delay);
    }
  }

  /** Waits for notifications in progress (used by tests to know that delivery is done). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  stop(): void {
    this.stopped = true;
  }
}
