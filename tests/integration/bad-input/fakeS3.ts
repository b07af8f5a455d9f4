import { type ChildProcess, spawn } from 'node:child_process';

/**
 * S3 endpoints that answer every request with one error, in a child process (the cases run the
 * CLI with spawnSync, which blocks this process: a server here could not answer).
 */
const SERVER = `
const http = require('node:http');
const answers = {
  noSuchBucket: [404, 'NoSuchBucket', 'The specified bucket does not exist'],
  accessDenied: [403, 'AccessDenied', 'User: arn:aws:iam::123456789012:user/me is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::seisless-dev-data/runs/demo/state.json" because no identity-based policy allows the s3:GetObject action'],
};
const ports = {};
let pending = Object.keys(answers).length;
for (const [name, [status, code, message]] of Object.entries(answers)) {
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(status, { 'content-type': 'application/xml' });
    response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>' + code + '</Code><Message>' + message.replace(/"/g, '&quot;') + '</Message></Error>');
  });
  server.listen(0, '127.0.0.1', () => {
    ports[name] = server.address().port;
    if (--pending === 0) process.stdout.write(JSON.stringify(ports) + '\\n');
  });
}
process.on('disconnect', () => process.exit(0));
`;

let running: { child: ChildProcess; endpoints: Record<string, string> } | undefined;

/** Starts the fake S3 (in a test file's beforeAll); resolves to the function that stops it. */
export async function startFakeS3(): Promise<() => void> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const ports = await new Promise<Record<string, number>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fake S3 exited (${code})`)));
    child.stdout?.once('data', (text: Buffer) => resolve(JSON.parse(text.toString())));
  });
  const endpoints = Object.fromEntries(
    Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}`]),
  );
  running = { child, endpoints };
  return () => {
    child.kill();
    running = undefined;
  };
}

/** The endpoint of the running fake S3 that answers with `error` (for a case's environment). */
export function fakeS3Endpoint(error: 'noSuchBucket' | 'accessDenied'): string {
  const endpoint = running?.endpoints[error];
  if (endpoint === undefined) throw new Error('the fake S3 is not running: call startFakeS3 in beforeAll');
  return endpoint;
}
