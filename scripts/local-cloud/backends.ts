import { join } from 'node:path';
import { type ChildMessage, type ChildServer, startChild } from './child';
import { type HttpReply, type HttpRequest, type HttpServer, startHttpServer } from './http';
import type { LocalIam } from './iam/localIam';
import type { ResolvedOptions } from './options';
import { LOCAL_CLOUD_DIR, PROJECT_ROOT } from './paths';
import type { RequestCounter } from './requestCounts';
import type { S3ChildEvent } from './s3/server';
import type { Wiring } from './wiring/model';

type Route = (request: HttpRequest) => Promise<HttpReply>;

/** An HTTP endpoint that listens at once and gets its API routes once the services exist. */
export interface BoundServer extends HttpServer {
  bind(route: Route): void;
}

async function boundServer(port: number): Promise<BoundServer> {
  let route: Route | undefined;
  const unavailable: HttpReply = { status: 503, headers: {}, body: '{"message":"starting"}' };
  const server = await startHttpServer(
    (request) => (route ? route(request) : Promise.resolve(unavailable)),
    port,
  );
  return { ...server, bind: (next) => (route = next) };
}

export interface Backends {
  s3: ChildServer;
  sqs: ChildServer;
  sfn: BoundServer;
  batch: BoundServer;
}

/** Runs every start and, if one fails, stops those that started before rethrowing. */
async function allOrNothing<T extends { stop?: () => Promise<void>; close?: () => Promise<void> }>(
  starts: Promise<T>[],
): Promise<T[]> {
  const results = await Promise.allSettled(starts);
  const failed = results.find((result) => result.status === 'rejected');
  if (!failed) return results.map((result) => (result as PromiseFulfilledResult<T>).value);
  for (const result of results) {
    if (result.status === 'fulfilled') await (result.value.stop ?? result.value.close)?.call(result.value);
  }
  throw (failed as PromiseRejectedResult).reason;
}

/**
 * Starts s3rver and fauxqs (each in its own process) and the Step Functions and Batch endpoints, in
 * parallel. s3rver runs with --openssl-legacy-provider: its ListObjectsV2 continuation tokens use DES.
 */
export async function startBackends(
  config: ResolvedOptions,
  wiring: Wiring,
  onS3Event: (event: S3ChildEvent) => void,
  iam: LocalIam,
  requests: RequestCounter,
): Promise<Backends> {
  const children = allOrNothing([
    startChild({
      name: 's3',
      entry: join(LOCAL_CLOUD_DIR, 's3', 'server.ts'),
      format: 'cjs',
      nodeFlags: ['--openssl-legacy-provider'],
      config: {
        directory: join(config.dataDir, 's3'),
        buckets: wiring.buckets.map((bucket) => bucket.name),
        port: config.ports.s3,
        iam: iam.policies,
      },
      onMessage: (message: ChildMessage) => {
        if (message.type === 's3event') onS3Event(message as unknown as S3ChildEvent);
        else if (!requests.record(message)) iam.recordChildMessage(message);
      },
      log: config.log,
    }),
    startChild({
      name: 'sqs',
      entry: join(LOCAL_CLOUD_DIR, 'sqs', 'server.ts'),
      format: 'esm',
      config: { region: config.region, port: config.ports.sqs, projectRoot: PROJECT_ROOT, iam: iam.policies },
      onMessage: (message: ChildMessage) => {
        if (!requests.record(message)) iam.recordChildMessage(message);
      },
      log: config.log,
    }),
  ]);
  const servers = allOrNothing([boundServer(config.ports.sfn), boundServer(config.ports.batch)]);
  const [started, listening] = await Promise.allSettled([children, servers]);
  if (started.status === 'rejected' || listening.status === 'rejected') {
    if (started.status === 'fulfilled') await Promise.all(started.value.map((child) => child.stop()));
    if (listening.status === 'fulfilled') await Promise.all(listening.value.map((server) => server.close()));
    throw started.status === 'rejected' ? started.reason : (listening as PromiseRejectedResult).reason;
  }
  const [s3, sqs] = started.value as [ChildServer, ChildServer];
  const [sfn, batch] = listening.value as [BoundServer, BoundServer];
  return { s3, sqs, sfn, batch };
}
