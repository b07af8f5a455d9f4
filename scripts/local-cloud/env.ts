import { ADMIN_CREDENTIALS } from './iam/credentials';

/** The endpoints of the emulated services. */
export interface Endpoints {
  s3: string;
  sqs: string;
  sfn: string;
  batch: string;
}

/**
 * The administrator's credentials (S3RVER/S3RVER, the pair s3rver knows out of the box): printed by
 * `npm run cloud`, used by people, tools and the local cloud itself. Lambdas and Batch jobs get their
 * roles' credentials instead (iam/), and IAM authorises each call against the role.
 */
export const LOCAL_CREDENTIALS = ADMIN_CREDENTIALS;

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
