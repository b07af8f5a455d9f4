import type { BlobInfo, BlobRef, BlobStore, ByteRange, PutOptions, StoredBlob } from '@seisless/core';
import { InputError, TransientError } from '@seisless/core';

/** A storage call, as the fake records it. */
export interface BlobCall {
  readonly op: 'get' | 'head' | 'put' | 'list';
  readonly key: string;
  readonly range?: ByteRange;
  readonly options?: PutOptions;
}

/** Where an injected fault strikes: before the call does anything, or after it took effect. */
export type FaultPhase = 'before' | 'after';

/** Decides whether a call fails; `after` faults model a crash once the write has landed. */
export type FaultPlan = (call: BlobCall, phase: FaultPhase) => boolean;

interface Entry {
  body: Uint8Array;
  metadata: Record<string, string>;
  etag: string;
  lastModified: Date;
}

/**
 * An in-memory {@link BlobStore} with S3's semantics: byte ranges (clipped at the end, InputError
 * past it), user metadata, ETags, conditional writes (`If-Match`, `If-None-Match: *` → a
 * TransientError like a 412), and fault injection before or after any call.
 */
export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, Entry>();
  readonly calls: BlobCall[] = [];
  faults: FaultPlan = () => false;
  private version = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Stores an object directly (arrange step of a test), bypassing faults. */
  seed(ref: BlobRef, body: Uint8Array, metadata: Record<string, string> = {}): void {
    this.version += 1;
    const entry = { body: Uint8Array.from(body), metadata: { ...metadata }, etag: `"${this.version}"` };
    this.objects.set(this.id(ref), { ...entry, lastModified: this.clock() });
  }

  /** The stored bytes of an object, or undefined. */
  bytes(ref: BlobRef): Uint8Array | undefined {
    return this.objects.get(this.id(ref))?.body;
  }

  async get(ref: BlobRef, range?: ByteRange): Promise<StoredBlob | undefined> {
    await this.enter({ op: 'get', key: ref.key, ...(range && { range }) });
    const entry = this.objects.get(this.id(ref));
    if (entry === undefined) return undefined;
    const size = entry.body.byteLength;
    if (range !== undefined && range.first >= size) {
      throw new InputError(
        `mem://${ref.bucket}/${ref.key}: range ${range.first}-${range.last} past ${size} bytes`,
      );
    }
    const body = range === undefined ? entry.body : entry.body.subarray(range.first, range.last + 1);
    return { ...this.info(entry), body: Uint8Array.from(body) };
  }

  async head(ref: BlobRef): Promise<BlobInfo | undefined> {
    await this.enter({ op: 'head', key: ref.key });
    const entry = this.objects.get(this.id(ref));
    return entry === undefined ? undefined : this.info(entry);
  }

  async put(ref: BlobRef, body: Uint8Array, options: PutOptions = {}): Promise<void> {
    const call: BlobCall = { op: 'put', key: ref.key, options };
    await this.enter(call);
    const current = this.objects.get(this.id(ref));
    const staleMatch = options.ifMatch !== undefined && current?.etag !== options.ifMatch;
    const exists = options.ifNoneMatch === '*' && current !== undefined;
    if (staleMatch || exists)
      throw new TransientError(`mem://${ref.bucket}/${ref.key}: PreconditionFailed (412)`);
    this.seed(ref, body, { ...options.metadata });
    if (this.faults(call, 'after')) throw new TransientError(`injected fault after put ${ref.key}`);
  }

  async list(bucket: string, prefix: string): Promise<string[]> {
    await this.enter({ op: 'list', key: prefix });
    const keys = [...this.objects.keys()].filter((id) => id.startsWith(`${bucket}/${prefix}`));
    return keys.map((id) => id.slice(bucket.length + 1)).sort();
  }

  private async enter(call: BlobCall): Promise<void> {
    this.calls.push(call);
    await Promise.resolve(); // let concurrent callers interleave, as network calls would
    if (this.faults(call, 'before')) throw new TransientError(`injected fault before ${call.op} ${call.key}`);
  }

  private info(entry: Entry): BlobInfo {
    const { metadata, etag, lastModified, body } = entry;
    return { metadata: { ...metadata }, etag, lastModified, size: body.byteLength };
  }

  private id(ref: BlobRef): string {
    return `${ref.bucket}/${ref.key}`;
  }
}
