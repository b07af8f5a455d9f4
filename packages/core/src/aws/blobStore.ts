/**
 * The storage port of seisless: byte ranges, user metadata, ETags and conditional writes, as the
 * exactly-once accumulator merge needs them. `s3BlobStore` implements it on S3; tests use an
 * in-memory fake with the same semantics.
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

/** An object's key, size and last-modified time (epoch ms), as a listing gives them. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
}

/**
 * The narrow storage port that logic receives instead of an S3 client.
 *
 * Missing objects read as `undefined`. A range that starts past the end of the object throws an
 * `InputError`. A conflicting conditional write, throttling, a 5xx or no answer at all throw a
 * `TransientError` (the state machine and the reducer retry it); any other failure (an
 * `AccessDenied`, say) leaves as the service raised it, so its name and message reach the user.
 */
export interface BlobStore {
  get(ref: BlobRef, range?: ByteRange): Promise<StoredBlob | undefined>;
  head(ref: BlobRef): Promise<BlobInfo | undefined>;
  put(ref: BlobRef, body: Uint8Array, options?: PutOptions): Promise<void>;
  /** Every key under the prefix (all pages). */
  list(bucket: string, prefix: string): Promise<string[]>;
}
