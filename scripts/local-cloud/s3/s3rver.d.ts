/** The parts of s3rver 3.7.1 (untyped CommonJS) that the local cloud uses. */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
    vhostBuckets?: boolean;
    allowMismatchedSignatures?: boolean;
    resetOnClose?: boolean;
  }

  /** One record of the event s3rver emits after a write or delete. */
  interface S3rverEvent {
    Records: {
      eventName: string;
      eventTime: string;
      requestParameters: { sourceIPAddress: string };
      s3: {
        bucket: { name: string };
        object: { key: string; size?: number; eTag?: string; sequencer: string };
      };
    }[];
  }

  /** An object on its way into the store: the body is the request itself, or a buffer. */
  interface StoredObject {
    bucket: string;
    key: string;
    content: NodeJS.ReadableStream | Buffer;
    metadata: Record<string, unknown>;
  }

  /** The on-disk store; getMetadata rejects with code ENOENT when the object does not exist. */
  interface FilesystemStore {
    readonly rootDirectory: string;
    /** The file of one of an object's resources (`object`, `metadata.json`, …). */
    getResourcePath(bucket: string, key: string, resource: string): string;
    /** Writes an object's metadata and md5 files beside it, as its PUT does. */
    putMetadata(bucket: string, key: string, metadata: Record<string, unknown>, md5?: string): Promise<void>;
    /** Every PUT, copy-free upload and completed multipart upload goes through it. */
    putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
    getMetadata(bucket: string, key: string): Promise<{ etag: string } & Record<string, unknown>>;
    /** Writes a subresource document (`tagging`, …) next to the object, as its PUT ?<type> does. */
    putSubresource(
      bucket: string,
      key: string,
      resource: { type: string; toXML(space?: number): string },
    ): Promise<void>;
    deleteSubresource(bucket: string, key: string, type: string): Promise<void>;
  }

  class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    readonly store: FilesystemStore;
    configureBuckets(): Promise<void>;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export = S3rver;
}
