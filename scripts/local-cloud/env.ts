/** The endpoints of the emulated services. */
export interface Endpoints {
  s3: string;
  sqs: string;
  sfn: string;
  batch: string;
}

/** s3rver only accepts requests signed with these credentials; the other services accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * What a client needs in its environment to use the local cloud with no code change: the standard
 * service-specific endpoint variables (read by the AWS SDKs for JavaScript and Python and the AWS
 * CLI), region, credentials, and checksums only when required (s3rver stores streamed uploads with
 * the default checksum trailers corrupted).
 */
export function clientEnvironment(endpoints: Endpoints, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SFN: endpoints.sfn,
    AWS_ENDPOINT_URL_BATCH: endpoints.batch,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
