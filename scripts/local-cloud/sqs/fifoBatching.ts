/**
 * Real SQS FIFO behaviour that fauxqs 1.9.2 lacks: one ReceiveMessage returns as many messages of the
 * same group as it can (in order, up to 10), and messages that come back (visibility timeout,
 * visibility 0) return to their group in sequence order. fauxqs hands out one message per group per
 * receive, which would make every reducer batch a batch of one.
 */
import { randomUUID } from 'node:crypto';

interface FifoMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  messageAttributes: Record<string, unknown>;
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
  delayUntil?: number;
  messageGroupId?: string;
  sequenceNumber?: string;
}

interface Inflight {
  message: FifoMessage;
  receiptHandle: string;
  visibilityDeadline: number;
}

/** The fauxqs queue internals these replacements touch. */
export interface FifoQueueInternals {
  attributes: Record<string, string>;
  fifoMessages: Map<string, FifoMessage[]>;
  fifoDelayed: Map<string, FifoMessage[]>;
  fifoLockedGroups: Map<string, number>;
  inflightMessages: Map<string, Inflight>;
  messages: FifoMessage[];
  isFifo(): boolean;
  enqueue(message: FifoMessage): void;
  notifyWaiters(): void;
  hasAvailableFifoMessages(): boolean;
  processTimers(): void;
  dequeueFifo(
    max: number,
    visibility?: number,
    dlq?: (arn: string) => FifoQueueInternals | undefined,
  ): unknown[];
  changeVisibility(receiptHandle: string, timeoutSeconds: number): void;
}

const GROUP = (message: FifoMessage): string => message.messageGroupId ?? '__default';

/** Puts a message back into its group at its place in sequence order. */
export function returnToGroup(queue: FifoQueueInternals, message: FifoMessage): void {
  const groupId = GROUP(message);
  const group = queue.fifoMessages.get(groupId) ?? [];
  const at = group.findIndex((other) => (other.sequenceNumber ?? '') > (message.sequenceNumber ?? ''));
  group.splice(at === -1 ? group.length : at, 0, message);
  queue.fifoMessages.set(groupId, group);
}

function unlock(queue: FifoQueueInternals, groupId: string): void {
  const count = (queue.fifoLockedGroups.get(groupId) ?? 1) - 1;
  if (count <= 0) queue.fifoLockedGroups.delete(groupId);
  else queue.fifoLockedGroups.set(groupId, count);
}

function redrive(queue: FifoQueueInternals): { maxReceiveCount: number; dlqArn?: string } {
  try {
    const policy = JSON.parse(queue.attributes.RedrivePolicy ?? '{}') as Record<string, unknown>;
    return {
      maxReceiveCount: Number(policy.maxReceiveCount ?? Infinity),
      dlqArn: policy.deadLetterTargetArn as string,
    };
  } catch {
    return { maxReceiveCount: Infinity };
  }
}

function received(message: FifoMessage, receiptHandle: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  if (message.md5OfMessageAttributes) out.MD5OfMessageAttributes = message.md5OfMessageAttributes;
  if (Object.keys(message.messageAttributes).length > 0) out.MessageAttributes = message.messageAttributes;
  return out;
}

function dequeueFifo(
  this: FifoQueueInternals,
  maxCount: number,
  visibilityOverride?: number,
  dlqResolver?: (arn: string) => FifoQueueInternals | undefined,
): unknown[] {
  this.processTimers();
  const visibility = visibilityOverride ?? Number.parseInt(this.attributes.VisibilityTimeout ?? '30', 10);
  const { maxReceiveCount, dlqArn } = redrive(this);
  const out: unknown[] = [];
  const limit = Math.min(maxCount, 10);
  for (const [groupId, group] of this.fifoMessages) {
    if (out.length >= limit) break;
    if (this.fifoLockedGroups.has(groupId)) continue;
    for (let message = group.shift(); message; message = out.length < limit ? group.shift() : undefined) {
      message.approximateReceiveCount += 1;
      message.approximateFirstReceiveTimestamp ??= Date.now();
      const dlq =
        dlqArn && message.approximateReceiveCount > maxReceiveCount ? dlqResolver?.(dlqArn) : undefined;
      if (dlq) {
        dlq.enqueue(message);
        continue;
      }
      const receiptHandle = randomUUID();
      this.inflightMessages.set(receiptHandle, {
        message,
        receiptHandle,
        visibilityDeadline: Date.now() + visibility * 1000,
      });
      this.fifoLockedGroups.set(groupId, (this.fifoLockedGroups.get(groupId) ?? 0) + 1);
      out.push(received(message, receiptHandle));
    }
    if (group.length === 0) this.fifoMessages.delete(groupId);
  }
  return out;
}

function processFifoTimers(this: FifoQueueInternals, original: (this: FifoQueueInternals) => void): void {
  if (!this.isFifo()) {
    original.call(this);
    return;
  }
  const now = Date.now();
  const expired = [...this.inflightMessages.values()].filter((entry) => entry.visibilityDeadline <= now);
  for (const entry of expired) {
    this.inflightMessages.delete(entry.receiptHandle);
    unlock(this, GROUP(entry.message));
    returnToGroup(this, entry.message);
  }
  for (const [groupId, delayed] of this.fifoDelayed) {
    const due = delayed.filter((message) => (message.delayUntil ?? 0) <= now);
    for (const message of due) returnToGroup(this, message);
    const waiting = delayed.filter((message) => (message.delayUntil ?? 0) > now);
    if (waiting.length === 0) this.fifoDelayed.delete(groupId);
    else this.fifoDelayed.set(groupId, waiting);
  }
  if (this.hasAvailableFifoMessages()) this.notifyWaiters();
}

type ChangeVisibility = (this: FifoQueueInternals, handle: string, timeoutS: number) => void;

function changeVisibility(
  this: FifoQueueInternals,
  original: ChangeVisibility,
  handle: string,
  timeoutS: number,
): void {
  const entry = this.inflightMessages.get(handle);
  if (!entry || !this.isFifo() || timeoutS !== 0) {
    original.call(this, handle, timeoutS);
    return;
  }
  this.inflightMessages.delete(handle);
  unlock(this, GROUP(entry.message));
  returnToGroup(this, entry.message);
  this.notifyWaiters();
}

/** Installs the FIFO behaviour on fauxqs' queue class (in the SQS child process only). */
export function installFifoBatching(queuePrototype: object): void {
  const proto = queuePrototype as FifoQueueInternals;
  const originalTimers = proto.processTimers;
  const originalVisibility = proto.changeVisibility;
  proto.dequeueFifo = dequeueFifo;
  proto.processTimers = function processTimers(this: FifoQueueInternals) {
    processFifoTimers.call(this, originalTimers);
  };
  proto.changeVisibility = function visibility(this: FifoQueueInternals, handle: string, timeoutS: number) {
    changeVisibility.call(this, originalVisibility, handle, timeoutS);
  };
}
