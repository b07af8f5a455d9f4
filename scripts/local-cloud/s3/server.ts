/**
 * Child process: s3rver on 127.0.0.1, data on disk. Runs in its own Node process so that it can
 * have --openssl-legacy-provider (s3rver's ListObjectsV2 continuation tokens use DES). Every
 * stored or deleted object is reported to the parent as an `s3event` message.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage } from 'node:http';
import S3rver from 's3rver';
import { childSide } from '../childSide';

export interface S3ChildConfig {
  directory: string;
  buckets: string[];
  port: number;
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
  const server = createServer((request, response) => requests.run(request, () => handle(request, response)));
  await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
  childSide.onStop(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  childSide.ready(typeof address === 'object' && address ? address.port : 0);
}

main().catch((error) => childSide.fail(error));
