import { createHash } from 'node:crypto';

/** AWS credentials as the SDKs take them. */
export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The administrator: what `npm run cloud` prints, what people and tools use. s3rver only knows this
 * key pair out of the box, which is why it is S3RVER/S3RVER.
 */
export const ADMIN_CREDENTIALS: LocalCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\n')).digest();
}

/** 16 base-32 characters of a digest: the shape of the tail of a real access key id. */
function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i += 1) out += BASE32[(bytes[i] ?? 0) % 32];
  return out;
}

/**
 * The temporary credentials of a role session, derived from the role ARN alone so that every process
 * of the local cloud (the S3 and SQS children included) computes the same ones: `ASIA` + 16 characters
 * (the prefix AWS gives session credentials), a 40-character secret, and a session token carrying the
 * session name (as Lambda names a session after its function).
 */
export function roleCredentials(roleArn: string, session: string): LocalCredentials {
  return {
    accessKeyId: `ASIA${base32(digest('access-key', roleArn), 16)}`,
    secretAccessKey: digest('secret', roleArn).toString('base64').slice(0, 40),
    sessionToken: encodeSessionToken(sessionName(session)),
  };
}

/** The standard variables that hand credentials to the SDKs of a process. */
export function credentialVariables(credentials: LocalCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
  };
}

/** A session name as STS accepts it: 2–64 of `[\w+=,.@-]` (a job id's `:` becomes `-`). */
export function sessionName(name: string): string {
  return name
    .replace(/[^\w+=,.@-]/g, '-')
    .slice(0, 64)
    .padEnd(2, '-');
}

const TOKEN_PREFIX = 'seisless-local.';

function encodeSessionToken(sessionName: string): string {
  return `${TOKEN_PREFIX}${Buffer.from(sessionName, 'utf8').toString('base64url')}`;
}

/** The session name a token carries, or undefined for a token this cloud did not issue. */
export function sessionNameOf(sessionToken: string | undefined): string | undefined {
  if (sessionToken === undefined || !sessionToken.startsWith(TOKEN_PREFIX)) return undefined;
  const name = Buffer.from(sessionToken.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8');
  return /^[\w+=,.@-]{2,64}$/.test(name) ? name : undefined;
}
