import { fakeS3Endpoint } from './fakeS3';
import type { BadInputCase } from './harness';

const CREDENTIALS_ADVICE =
  'set AWS_PROFILE (after `aws configure` or `aws sso login`) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/** An AWS environment with nothing from this machine's own: no profile files, no instance metadata. */
const BARE_AWS = {
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PROFILE: undefined,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_ENDPOINT_URL: undefined,
  AWS_ENDPOINT_URL_S3: undefined,
  AWS_ENDPOINT_URL_SFN: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
};
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' };

/** `seisless status demo` (reads the run, writes nothing) in an environment that is in the way. */
function environmentCase(
  name: string,
  args: readonly string[],
  env: BadInputCase['env'],
  line: string | RegExp,
  files: Record<string, string> = {},
): BadInputCase {
  return { name: `environment: ${name}`, program: 'seisless', args, env, files, exitCode: 1, line };
}

const onAws = ['status', 'demo', '--aws', '--stage', 'dev'];
const local = ['status', 'demo'];

/** Environment problems: usage errors of the machine, not bugs (exit 1, what to do, no trace). */
export const environmentCases: readonly BadInputCase[] = [
  environmentCase(
    'a closed AWS_ENDPOINT_URL',
    onAws,
    { ...BARE_AWS, ...KEYS, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' },
    'seisless: error: S3 at http://127.0.0.1:1 does not answer (ECONNREFUSED); check AWS_ENDPOINT_URL (http://127.0.0.1:1), or unset it to reach S3 on AWS',
  ),
  environmentCase(
    'an endpoint host that does not exist',
    onAws,
    {
      ...BARE_AWS,
      ...KEYS,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_S3: 'http://no-such-host.invalid:4566',
    },
    /^seisless: error: S3 at http:\/\/[a-z0-9.-]*no-such-host\.invalid:4566 does not answer \((ENOTFOUND|EAI_AGAIN)\); check AWS_ENDPOINT_URL_S3 \(http:\/\/no-such-host\.invalid:4566\), or unset it to reach S3 on AWS$/,
  ),
  environmentCase(
    'no AWS credentials',
    onAws,
    { ...BARE_AWS, AWS_REGION: 'us-east-1' },
    `seisless: error: --aws: no AWS credentials (Could not load credentials from any providers); ${CREDENTIALS_ADVICE}`,
  ),
  environmentCase(
    'no AWS region',
    onAws,
    { ...BARE_AWS, ...KEYS },
    'seisless: error: --aws: no AWS region; pass --region <name> or set AWS_REGION (or a region in your AWS profile)',
  ),
  environmentCase(
    'a data folder that cannot be created',
    local,
    { SEISLESS_DATA_DIR: '/proc/seisless-data' },
    /^seisless: error: SEISLESS_DATA_DIR: \/proc\/seisless-data cannot be created \(\/proc is not writable: E[A-Z]+\); set SEISLESS_DATA_DIR to a writable folder$/,
  ),
  environmentCase(
    'a file where the default data folder goes',
    local,
    { SEISLESS_DATA_DIR: undefined },
    /^seisless: error: the local cloud's data folder: \/\S+\/\.seisless is a file, not a folder; run seisless from a writable folder, or set SEISLESS_DATA_DIR to one$/,
    { '.seisless': 'not a folder' },
  ),
  environmentCase(
    'a stage that is not deployed (no bucket)',
    onAws,
    () => ({
      ...BARE_AWS,
      ...KEYS,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: fakeS3Endpoint('noSuchBucket'),
    }),
    /^seisless: error: bucket seisless-dev-data does not exist at http:\/\/127\.0\.0\.1:\d+; deploy stage 'dev' first \(services\/submitter\/README\.md, "Deploying"\), or check --stage and --region$/,
  ),
  environmentCase(
    'credentials without the permission',
    onAws,
    () => ({
      ...BARE_AWS,
      ...KEYS,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: fakeS3Endpoint('accessDenied'),
    }),
    /^seisless: error: S3 denied GetObject \(AccessDenied: User: arn:aws:iam::123456789012:user\/me is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::seisless-dev-data\/runs\/demo\/state\.json" because no identity-based policy allows the s3:GetObject action\); use credentials whose policy allows it, or ask for the permission$/,
  ),
];
