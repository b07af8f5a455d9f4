import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** An AWS API error: the HTTP status, the error code clients match on, and a message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface HttpRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function serve(
  handler: (request: HttpRequest) => Promise<HttpReply>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const reply = await handler({
    method: req.method ?? 'GET',
    path: url.pathname,
    headers: req.headers,
    body,
  });
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/**
 * The reply to an ApiError in AWS's JSON protocols: `{ __type, message }` and the
 * `x-amzn-errortype` header the SDKs read the error's name from.
 */
export function apiErrorReply(error: ApiError, headers: Readonly<Record<string, string>>): HttpReply {
  const body = JSON.stringify({ __type: error.code, message: error.message });
  return { status: error.status, headers: { ...headers, 'x-amzn-errortype': error.code }, body };
}

/** Parses a JSON request body; an empty body is `{}`. */
export function parseJsonBody(body: string, errorCode: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ApiError(400, errorCode, 'The request body is not a JSON object');
}

/** A small HTTP server on 127.0.0.1 for one emulated AWS API (Step Functions, Batch). */
export function startHttpServer(
  handler: (request: HttpRequest) => Promise<HttpReply>,
  port = 0,
): Promise<HttpServer> {
  const server = createServer((req, res) => {
    serve(handler, req, res).catch((error: Error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: error.message }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
