/**
 * Child process: fauxqs (SQS, JSON protocol) on 127.0.0.1. fauxqs is ESM-only, so it lives in its own
 * process (bundled as ESM; jest loads the rest of the local cloud as CommonJS). Queue URLs are built
 * from the request's Host header (`http://127.0.0.1:<port>/<account>/<queue>`), so every client on
 * this machine reaches them without fauxqs' `sqs.<region>.localhost` DNS interception.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildApp } from 'fauxqs';
import { childSide } from '../childSide';
import { IamGate } from '../iam/gate';
import type { IamPolicies } from '../iam/policies';
import { guardSqsRequest } from '../iam/sqsGuard';
import { logDenial, reportNewUses } from '../iam/usage';
import { reportRequest, sqsRequestKind } from '../requestCounts';
import { installFifoBatching } from './fifoBatching';

export interface SqsChildConfig {
  region: string;
  port: number;
  projectRoot: string;
  /** Roles every request is authorised against. */
  iam: IamPolicies;
}

type SqsStoreModule = typeof import('../../../node_modules/fauxqs/dist/sqs/sqsStore.js');
type SnsStoreModule = typeof import('../../../node_modules/fauxqs/dist/sns/snsStore.js');
type S3StoreModule = typeof import('../../../node_modules/fauxqs/dist/s3/s3Store.js');

/** fauxqs does not export its store classes; they are loaded from their files. */
function internal<T>(projectRoot: string, file: string): Promise<T> {
  return import(pathToFileURL(join(projectRoot, 'node_modules', 'fauxqs', 'dist', file)).href) as Promise<T>;
}

async function main(): Promise<void> {
  const config = childSide.config<SqsChildConfig>();
  const [{ SqsQueue, SqsStore }, { SnsStore }, { S3Store }] = await Promise.all([
    internal<SqsStoreModule>(config.projectRoot, 'sqs/sqsStore.js'),
    internal<SnsStoreModule>(config.projectRoot, 'sns/snsStore.js'),
    internal<S3StoreModule>(config.projectRoot, 's3/s3Store.js'),
  ]);
  installFifoBatching(SqsQueue.prototype);
  const sqsStore = new SqsStore();
  // An empty host makes fauxqs use the request's Host header: http://127.0.0.1:<port>/<account>/<name>.
  sqsStore.host = '';
  const app = buildApp({
    logger: false,
    defaultRegion: config.region,
    stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() },
  });
  const iam = new IamGate(config.iam, { onUse: reportNewUses(), onDeny: logDenial });
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    reportRequest('sqs', sqsRequestKind(request.body));
    const denial = await guardSqsRequest(iam, request.headers, request.body);
    if (denial === undefined) return;
    reply.status(denial.status);
    reply.header('content-type', 'application/x-amz-json-1.0');
    reply.header('x-amzn-query-error', denial.queryError);
    return reply.send(denial.body);
  });
  await app.listen({ port: config.port, host: '127.0.0.1' });
  childSide.onStop(() => app.close());
  const address = app.server.address();
  childSide.ready(typeof address === 'object' && address ? address.port : 0);
}

main().catch((error) => childSide.fail(error));
