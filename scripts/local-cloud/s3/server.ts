/**
 * Child process: s3rver on 127.0.0.1, data on disk. Runs in its own Node process so that it can
 * have --openssl-legacy-provider (s3rver's ListObjectsV2 continuation tokens use DES). Every
 * stored or deleted object is reported to the parent as an `s3event` message.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import S3rver from 's3rver';
import { childSide } from '../childSide';
import { IamGate } from '../iam/gate';
import type { IamPolicies } from '../iam/policies';
import { guardS3Request, s3DenialXml } from '../iam/s3Guard';
import { registerS3rverKeys } from '../iam/s3rverKeys';
import { logDenial, reportNewUses } from '../iam/usage';
import { reportRequest, s3RequestKind } from '../requestCounts';
import { incomingFolder, installAtomicPuts, removeOrphanedParts } from './atomicPut';
import { KeyLocks } from './keyLocks';
import {
  errorXml,
  type ObjectRequest,
  objectRequest,
  preconditionFailure,
  taggingXml,
} from './objectRequests';

export interface S3ChildConfig {
  directory: string;
  buckets: string[];
  port: number;
  /** Roles and bucket policies every request is authorised against. */
  iam: IamPolicies;
}

/** What the parent needs to build a real S3 event record. */
export interface S3ChildEvent {
  type: 's3event';
  eventName: string;
  bucket: string;
  key: string;
  size?: number;
  eTag?: string;
  sequencer: string;
  eventTime: string;
  sourceIp: string;
}

const requests = new AsyncLocalStorage<IncomingMessage>();

/** s3rver calls both POST uploads and completed multipart uploads `ObjectCreated:Post`. */
function eventName(name: string, request: IncomingMessage | undefined): string {
  if (name === 'ObjectCreated:Post' && request?.url?.includes('uploadId=')) {
    return 'ObjectCreated:CompleteMultipartUpload';
  }
  return name;
}

async function main(): Promise<void> {
  const config = childSide.config<S3ChildConfig>();
  const s3rver = new S3rver({
    directory: config.directory,
    silent: true,
    configureBuckets: config.buckets.map((name) => ({ name })),
  });
  s3rver.on('error', () => undefined);
  s3rver.on('event', (event) => {
    for (const record of event.Records) {
      const message: S3ChildEvent = {
        type: 's3event',
        eventName: eventName(record.eventName, requests.getStore()),
        bucket: record.s3.bucket.name,
        key: record.s3.object.key,
        size: record.s3.object.size,
        eTag: record.s3.object.eTag,
        sequencer: record.s3.object.sequencer,
        eventTime: record.eventTime,
        sourceIp: record.requestParameters.sourceIPAddress,
      };
      process.send?.(message);
    }
  });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const locks = new KeyLocks();
  const writes = new Map<string, Promise<unknown>>();
  installAtomicPuts(s3rver.store, writes);
  await removeOrphanedParts(incomingFolder(s3rver.store.rootDirectory));
  const iam = new IamGate(config.iam, { onUse: reportNewUses(), onDeny: logDenial });
  registerS3rverKeys(iam.callers.keyPairs());
  const server = createServer((request, response) => {
    // Every request S3 would bill, denied ones included (AWS bills 4xx answers too).
    reportRequest('s3', s3RequestKind(request.method, request.url));
    requests.run(request, () => void serve(request, response, { s3rver, handle, locks, writes, iam }));
  });
  await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
  childSide.onStop(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  childSide.ready(typeof address === 'object' && address ? address.port : 0);
}

interface Serving {
  s3rver: S3rver;
  handle: (request: IncomingMessage, response: ServerResponse) => void;
  locks: KeyLocks;
  /** Each key's store write in progress (`atomicPut.ts`). */
  writes: Map<string, Promise<unknown>>;
  iam: IamGate;
}

async function currentEtag(s3rver: S3rver, bucket: string, key: string): Promise<string | undefined> {
  try {
    return (await s3rver.store.getMetadata(bucket, key)).etag;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Hands a request to s3rver, holding its object's lock until the response is over (writes are
 * atomic to readers) and answering PutObject's If-Match / If-None-Match itself, as S3 does.
 */
async function serve(request: IncomingMessage, response: ServerResponse, serving: Serving): Promise<void> {
  const exists = async (bucket: string, key: string) =>
    (await currentEtag(serving.s3rver, bucket, key)) !== undefined;
  const denial = await guardS3Request(serving.iam, request, response, exists);
  if (denial !== undefined) {
    request.resume();
    request.once('end', () => {
      response.writeHead(denial.status, { 'Content-Type': 'application/xml' });
      response.end(s3DenialXml(denial));
    });
    return;
  }
  const target = objectRequest(request);
  if (target === undefined) {
    serving.handle(request, response);
    return;
  }
  const id = `${target.bucket}/${target.key}`;
  const release = await serving.locks.acquire(id, target.mode);
  // A client that goes away does not end its write: the key stays locked until the store is done.
  const written = () => serving.writes.get(id) ?? Promise.resolve();
  response.once(
    'close',
    () =>
      void written()
        .then(() => settleTags(serving.s3rver, target, response))
        .finally(release),
  );
  try {
    if (target.ifMatch !== undefined || target.ifNoneMatch !== undefined) {
      const failure = preconditionFailure(
        target,
        await currentEtag(serving.s3rver, target.bucket, target.key),
      );
      if (failure !== undefined) {
        request.resume();
        request.once('end', () => {
          response.writeHead(failure.status, { 'Content-Type': 'application/xml' });
          response.end(errorXml(failure, target.key));
        });
        return;
      }
    }
    serving.handle(request, response);
  } catch (error) {
    release();
    response.writeHead(500, { 'Content-Type': 'application/xml' });
    response.end(`<Error><Code>InternalError</Code><Message>${(error as Error).message}</Message></Error>`);
  }
}

/**
 * Gives a successfully written (or deleted) object the tags S3 would: s3rver neither stores a
 * PutObject's x-amz-tagging nor drops an object's tags when it is replaced or deleted. Runs before
 * the object's lock is released, so a GetObjectTagging after the write sees them.
 */
async function settleTags(s3rver: S3rver, target: ObjectRequest, response: ServerResponse): Promise<void> {
  const succeeded = response.writableFinished && response.statusCode >= 200 && response.statusCode < 300;
  if (target.tagsAfter === undefined || !succeeded) return;
  try {
    if (target.tagsAfter.size === 0)
      await s3rver.store.deleteSubresource(target.bucket, target.key, 'tagging');
    else {
      const xml = taggingXml(target.tagsAfter);
      await s3rver.store.putSubresource(target.bucket, target.key, { type: 'tagging', toXML: () => xml });
    }
  } catch (error) {
    // The object is written; losing its tags must not take the local S3 down.
    process.stderr.write(`s3: tags of ${target.bucket}/${target.key}: ${(error as Error).message}\n`);
  }
}

main().catch((error) => childSide.fail(error));
