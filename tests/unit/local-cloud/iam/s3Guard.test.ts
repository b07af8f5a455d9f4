import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { roleCredentials } from '../../../../scripts/local-cloud/iam/credentials';
import { IamGate } from '../../../../scripts/local-cloud/iam/gate';
import type { IamPolicies } from '../../../../scripts/local-cloud/iam/policies';
import { guardS3Request, s3DenialXml } from '../../../../scripts/local-cloud/iam/s3Guard';

const JOB_ROLE = 'arn:aws:iam::000000000000:role/job-role';

/** A job role as the issue found it: it may read and write objects but not list the bucket. */
const policies: IamPolicies = {
  enabled: true,
  partition: 'aws',
  region: 'us-east-1',
  accountId: '000000000000',
  roles: [
    {
      name: 'job-role',
      arn: JOB_ROLE,
      policies: [
        {
          name: 'data',
          document: {
            Statement: {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: 'arn:aws:s3:::data/*',
            },
          },
        },
      ],
    },
  ],
  buckets: [],
  lambdaPermissions: [],
  functionArns: {},
};

function request(method: string, url: string, accessKeyId: string): IncomingMessage {
  const authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0`;
  return { method, url, headers: { authorization } } as unknown as IncomingMessage;
}

const response = () => Object.assign(new EventEmitter(), { statusCode: 200 }) as unknown as ServerResponse;
const job = roleCredentials(JOB_ROLE, 'job-1').accessKeyId;

describe('guardS3Request', () => {
  const gate = new IamGate(policies);
  const exists = (present: boolean) => async () => present;

  it('lets an allowed read of an existing object through', async () => {
    await expect(
      guardS3Request(gate, request('GET', '/data/in.npy', job), response(), exists(true)),
    ).resolves.toBeUndefined();
  });

  it('answers a read of a missing key 403 AccessDenied when the caller may not list the bucket, as S3 does', async () => {
    const denial = await guardS3Request(
      gate,
      request('GET', '/data/none.npy', job),
      response(),
      exists(false),
    );

    expect(denial).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(denial?.message).toContain('s3:ListBucket on resource: arn:aws:s3:::data');
  });

  it('refuses what the role may not do, unknown keys and unsigned requests', async () => {
    const deleted = await guardS3Request(
      gate,
      request('DELETE', '/data/in.npy', job),
      response(),
      exists(true),
    );
    const unknown = await guardS3Request(
      gate,
      request('GET', '/data/in.npy', 'AKIAUNKNOWN'),
      response(),
      exists(true),
    );
    const unsigned = await guardS3Request(
      gate,
      { method: 'GET', url: '/data/in.npy', headers: {} } as unknown as IncomingMessage,
      response(),
      exists(true),
    );

    expect(deleted?.message).toContain('s3:DeleteObject on resource: arn:aws:s3:::data/in.npy');
    expect(unknown).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    expect(unsigned).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('writes the denial as S3 XML with the message escaped', () => {
    expect(s3DenialXml({ status: 403, code: 'AccessDenied', message: 'a <b> & c' })).toContain(
      '<Error><Code>AccessDenied</Code><Message>a &lt;b&gt; &amp; c</Message>',
    );
  });
});
