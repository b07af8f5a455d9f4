/**
 * Billable requests to the local S3 and SQS, counted where the servers answer them (their child
 * processes) and tallied in the parent, as Lambda invocations are counted from the functions' logs.
 * Kept free of project imports: the children bundle it.
 */

/** S3's request tiers: PUT, COPY, POST (and LIST, priced like them); GET, HEAD and the rest; DELETE is free. */
export type S3RequestKind = 'get' | 'put' | 'list' | 'delete';

/** SQS bills standard and FIFO queues at different prices. */
export type SqsRequestKind = 'standard' | 'fifo';

/** The IPC message a child sends per request it answered. */
export interface RequestMessage {
  readonly type: 'request';
  readonly service: 's3' | 'sqs';
  readonly kind: S3RequestKind | SqsRequestKind;
}

/** Requests answered since the local cloud started. */
export interface RequestCounts {
  readonly s3: Readonly<Record<S3RequestKind, number>>;
  readonly sqs: Readonly<Record<SqsRequestKind, number>>;
}

/**
 * The tier of a path-style S3 request (`/bucket[/key][?query]`): a bucket-level GET lists, an
 * object GET or HEAD reads, PUT and POST write (multipart steps included), DELETE is free.
 *
 * @example
 * s3RequestKind('GET', '/seisless-dev-data?list-type=2&prefix=runs%2F'); // 'list'
 */
export function s3RequestKind(method: string | undefined, url: string | undefined): S3RequestKind {
  const path = (url ?? '/').split('?')[0] ?? '/';
  const objectLevel = path.replace(/^\/+/, '').includes('/') && !path.endsWith('/');
  switch ((method ?? 'GET').toUpperCase()) {
    case 'PUT':
    case 'POST':
      return 'put';
    case 'DELETE':
      return 'delete';
    case 'GET':
      return objectLevel ? 'get' : 'list';
    default:
      return 'get';
  }
}

/** The queue type of an SQS JSON-protocol request: FIFO when its queue's URL or name ends in `.fifo`. */
export function sqsRequestKind(body: unknown): SqsRequestKind {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const queue = String(fields.QueueUrl ?? fields.QueueName ?? '');
  return queue.endsWith('.fifo') ? 'fifo' : 'standard';
}

/** Child side: reports one answered request to the parent. */
export function reportRequest(service: RequestMessage['service'], kind: RequestMessage['kind']): void {
  const message: RequestMessage = { type: 'request', service, kind };
  process.send?.(message);
}

/** Parent side: the tally of the children's `request` messages. */
export class RequestCounter {
  private readonly s3: Record<S3RequestKind, number> = { get: 0, put: 0, list: 0, delete: 0 };
  private readonly sqs: Record<SqsRequestKind, number> = { standard: 0, fifo: 0 };

  /** Counts a child's message; false when it is not a request message. */
  record(message: { readonly type?: unknown } & Record<string, unknown>): boolean {
    if (message.type !== 'request') return false;
    const { service, kind } = message as unknown as RequestMessage;
    if (service === 's3' && kind in this.s3) this.s3[kind as S3RequestKind] += 1;
    else if (service === 'sqs' && kind in this.sqs) this.sqs[kind as SqsRequestKind] += 1;
    return true;
  }

  counts(): RequestCounts {
    return { s3: { ...this.s3 }, sqs: { ...this.sqs } };
  }
}
