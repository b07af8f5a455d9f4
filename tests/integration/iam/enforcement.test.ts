import { BatchClient, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { roleCredentials } from '../../../scripts/local-cloud/iam/credentials';
import type { RoleDef } from '../../../scripts/local-cloud/wiring/model';
import { type FixtureCloud, startFixtureCloud } from '../local-cloud/support/cloud';

const BUCKET = 'lc-local-flow';
const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:lc-flow-local-flow';

let fixture: FixtureCloud;
let functionRole: RoleDef;

beforeAll(async () => {
  fixture = await startFixtureCloud(['flow']);
  const role = fixture.cloud.wiring.functions[0]?.roleArn;
  functionRole = fixture.cloud.wiring.roles.find((candidate) => candidate.arn === role) as RoleDef;
}, 120_000);

afterAll(() => fixture?.close());

/** SDK clients signed with a role session's credentials (as a Lambda of the fixture has them). */
function clientsOf(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const { endpoints, region } = fixture.cloud;
  const common = { region, credentials };
  return {
    s3: new S3Client({ ...common, endpoint: endpoints.s3, forcePathStyle: true }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs }),
    sfn: new SFNClient({ ...common, endpoint: endpoints.sfn }),
    batch: new BatchClient({ ...common, endpoint: endpoints.batch }),
  };
}

const asFunction = () => clientsOf(roleCredentials(functionRole.arn, 'lc-flow-local-double'));
const principal = () => `arn:aws:sts::000000000000:assumed-role/${functionRole.name}/lc-flow-local-double`;
const denial = (action: string, resource: string) =>
  `User: ${principal()} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('IAM on the local endpoints', () => {
  it('lets a role do what its policy allows: S3 PutObject, and a 404 for a missing key with s3:ListBucket', async () => {
    const { s3 } = asFunction();

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'iam/a.json', Body: '{}' }));
    const missing = s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'iam/none.json' }));

    await expect(missing).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  });

  it('answers S3 calls the role may not make with a 403 AccessDenied naming action, resource and role', async () => {
    const { s3 } = asFunction();

    const call = s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'iam/a.json' }));

    await expect(call).rejects.toMatchObject({
      name: 'AccessDenied',
      message: denial('s3:DeleteObject', `arn:aws:s3:::${BUCKET}/iam/a.json`),
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('denies SQS, Step Functions and Batch calls in each protocol’s own form', async () => {
    const { sqs, sfn, batch } = asFunction();

    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: denial('sqs:ListQueues', '*'),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, input: '{}' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: denial('states:StartExecution', MACHINE),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(batch.send(new DescribeJobsCommand({ jobs: ['x'] }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: denial('batch:DescribeJobs', '*'),
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses an access key nobody holds, on every endpoint', async () => {
    const { s3, sqs, sfn, batch } = clientsOf({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' });

    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'iam/a.json' }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(batch.send(new DescribeJobsCommand({ jobs: ['x'] }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('lets the printed (administrator) credentials do anything, and reports what each role used', async () => {
    const admin = clientsOf({
      accessKeyId: fixture.cloud.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: 'S3RVER',
    });

    await admin.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'iam/a.json' }));
    await admin.sqs.send(new ListQueuesCommand({}));

    const used = fixture.cloud.iamUsage()[functionRole.arn]?.actions;
    expect(used?.['s3:PutObject']).toEqual([`arn:aws:s3:::${BUCKET}/iam/a.json`]);
    expect(used?.['s3:ListBucket']).toEqual([`arn:aws:s3:::${BUCKET}`]);
    expect(used?.['s3:DeleteObject']).toBeUndefined();
  });
});
