/**
 * The storage port of the reducer: byte ranges, user metadata, ETags and conditional writes,
 * which the accumulator merge needs and the shared package's JSON/.npy ObjectStore does not offer.
 */

/** Where an object lives. */
export interface BlobRef {
  readonly bucket: string;
  readonly key: string;
}

/** An inclusive byte range, as an HTTP `Range: bytes=first-last` header names it. */
export interface ByteRange {
  readonly first: number;
  readonly last: number;
}

/** What a HEAD tells about an object. */
export interface BlobInfo {
  /** User metadata, keys lower-case and without the `x-amz-meta-` prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  /** Size of the whole object in bytes (also for a ranged read). */
  readonly size: number;
}

/** An object's bytes (or the requested range of them) with its metadata. */
export interface StoredBlob extends BlobInfo {
  readonly body: Uint8Array;
}

/** Options of a write. `ifMatch` / `ifNoneMatch` make it conditional (S3 conditional writes). */
export interface PutOptions {
  readonly metadata?: Readonly<Record<string, string>>;
  readonly contentType?: string;
  /** Write only if the object's ETag is still this one (412 otherwise). */
  readonly ifMatch?: string;
  /** `'*'`: write only if no object exists under the key. */
  readonly ifNoneMatch?: '*';
  /** The object's tags, URL-query encoded (`k1=v1&k2=v2`), as PutObject's `Tagging`. */
  readonly tagging?: string;
}

/**
 * The narrow storage port the reducer's logic receives.
 *
 * Missing objects read as `undefined`. A range that starts past the end of the object throws an
 * `InputError`. Failed or conflicting writes throw a `TransientError`; other storage failures
 * throw a `TransientError` when retrying may help and a `SeislessError` otherwise.
 */
export interface BlobStore {
  get(ref: BlobRef, range?: ByteRange): Promise<StoredBlob | undefined>;
  head(ref: BlobRef): Promise<BlobInfo | undefined>;
  put(ref: BlobRef, body: Uint8Array, options?: PutOptions): Promise<void>;
  /** Every key under the prefix (all pages). */
  list(bucket: string, prefix: string): Promise<string[]>;
}
