/** The credential a signed request carries: the access key id and, for a session, its token. */
export interface RequestCredential {
  readonly accessKeyId: string;
  readonly sessionToken?: string;
}

type Headers = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Reads the access key from SigV4 (`Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/
 * service/aws4_request, …`), SigV2 (`AWS AKID:signature`) or a presigned URL (`X-Amz-Credential`,
 * `AWSAccessKeyId`); undefined for an unsigned request.
 */
export function requestCredential(headers: Headers, query: URLSearchParams): RequestCredential | undefined {
  const authorization = first(headers.authorization);
  let accessKeyId: string | undefined;
  if (authorization !== undefined) {
    accessKeyId =
      /Credential=([^/,\s]+)\//.exec(authorization)?.[1] ?? /^AWS ([^:\s]+):/.exec(authorization)?.[1];
  } else {
    accessKeyId = query.get('X-Amz-Credential')?.split('/')[0] ?? query.get('AWSAccessKeyId') ?? undefined;
  }
  if (accessKeyId === undefined || accessKeyId === '') return undefined;
  const sessionToken =
    first(headers['x-amz-security-token']) ?? query.get('X-Amz-Security-Token') ?? undefined;
  return sessionToken === undefined ? { accessKeyId } : { accessKeyId, sessionToken };
}
