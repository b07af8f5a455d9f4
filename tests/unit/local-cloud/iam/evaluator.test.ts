import { type Caller, CallerDirectory } from '../../../../scripts/local-cloud/iam/callers';
import { IamEvaluator } from '../../../../scripts/local-cloud/iam/evaluator';
import type { IamPolicies } from '../../../../scripts/local-cloud/iam/policies';
import type { IamUse } from '../../../../scripts/local-cloud/iam/usage';

const ACCOUNT = '000000000000';
const JOB_ROLE = `arn:aws:iam::${ACCOUNT}:role/job-role`;
const MACHINE_ROLE = `arn:aws:iam::${ACCOUNT}:role/machine-role`;
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:start`;

const allow = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Allow',
  Action,
  Resource,
});

function policies(overrides: Partial<IamPolicies> = {}): IamPolicies {
  return {
    enabled: true,
    partition: 'aws',
    region: 'us-east-1',
    accountId: ACCOUNT,
    roles: [
      {
        name: 'job-role',
        arn: JOB_ROLE,
        policies: [
          {
            name: 'data',
            document: {
              Version: '2012-10-17',
              Statement: [allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::data/runs/*')],
            },
          },
        ],
      },
      {
        name: 'machine-role',
        arn: MACHINE_ROLE,
        policies: [{ name: 'invoke', document: { Statement: allow('lambda:InvokeFunction', FN) } }],
      },
    ],
    buckets: [
      {
        name: 'data',
        arn: 'arn:aws:s3:::data',
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:DeleteObject',
              Resource: 'arn:aws:s3:::data/locked/*',
            },
          ],
        },
      },
    ],
    lambdaPermissions: [
      {
        functionName: 'start',
        action: 'lambda:InvokeFunction',
        principal: 's3.amazonaws.com',
        sourceArn: 'arn:aws:s3:::data',
        sourceAccount: ACCOUNT,
      },
    ],
    functionArns: { start: FN },
    ...overrides,
  };
}

const directory = new CallerDirectory(policies().roles, { partition: 'aws', accountId: ACCOUNT });
const job = directory.roleCaller(JOB_ROLE, 'job-1');

describe('IamEvaluator', () => {
  it('allows what the identity policy allows, under the TLS-only bucket policy', async () => {
    const evaluator = new IamEvaluator(policies());

    await expect(
      evaluator.authorize(job, { action: 's3:GetObject', resource: 'arn:aws:s3:::data/runs/r/x.npy' }),
    ).resolves.toEqual({ allowed: true });
  });

  it('denies what no identity policy allows, in the words AWS uses, naming action, resource and role', async () => {
    const evaluator = new IamEvaluator(policies());
    const check = { action: 's3:ListBucket', resource: 'arn:aws:s3:::data' };

    const decision = await evaluator.authorize(job, check);

    expect(decision).toEqual({
      allowed: false,
      check,
      message:
        'User: arn:aws:sts::000000000000:assumed-role/job-role/job-1 is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::data because no identity-based policy allows the s3:ListBucket action',
    });
  });

  it('reports an explicit deny of the resource policy as such', async () => {
    const evaluator = new IamEvaluator(
      policies({
        roles: [
          {
            name: 'job-role',
            arn: JOB_ROLE,
            policies: [{ name: 'all', document: { Statement: allow('s3:*', '*') } }],
          },
        ],
      }),
    );

    const decision = await evaluator.authorize(job, {
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::data/locked/a',
    });

    expect(decision.allowed).toBe(false);
    expect(!decision.allowed && decision.message).toMatch(
      /with an explicit deny in a resource-based policy$/,
    );
  });

  it("lets S3 invoke a function only through the function's permission with a matching SourceArn", async () => {
    const evaluator = new IamEvaluator(policies());
    const fromBucket = (bucket: string): Caller => ({
      kind: 'service',
      service: 's3.amazonaws.com',
      sourceArn: `arn:aws:s3:::${bucket}`,
      sourceAccount: ACCOUNT,
    });
    const invoke = { action: 'lambda:InvokeFunction', resource: FN };

    expect((await evaluator.authorize(fromBucket('data'), invoke)).allowed).toBe(true);
    expect((await evaluator.authorize(fromBucket('other'), invoke)).allowed).toBe(false);
  });

  it('allows everything for the administrator and when IAM is off', async () => {
    const off = new IamEvaluator(policies({ enabled: false }));
    const on = new IamEvaluator(policies());
    const check = { action: 'batch:SubmitJob', resource: `arn:aws:batch:us-east-1:${ACCOUNT}:job-queue/q` };

    expect((await off.authorize(job, check)).allowed).toBe(true);
    expect((await on.authorize({ kind: 'admin' }, check)).allowed).toBe(true);
    expect((await on.authorize(job, check)).allowed).toBe(false);
  });

  it('records allowed uses (not consulted ones, not denials)', async () => {
    const uses: IamUse[] = [];
    const evaluator = new IamEvaluator(policies(), { onUse: (use) => uses.push(use) });
    const invoke = { action: 'lambda:InvokeFunction', resource: FN };
    const machine = directory.roleCaller(MACHINE_ROLE, 'exec-1');

    await evaluator.authorize(machine, invoke, false);
    await evaluator.authorize(machine, invoke);
    await evaluator.authorize(machine, { action: 'lambda:InvokeFunction', resource: `${FN}-other` });

    expect(uses).toEqual([{ roleArn: MACHINE_ROLE, ...invoke }]);
  });

  it('denies, and logs why, a call whose policy the simulator cannot read', async () => {
    const lines: string[] = [];
    const broken = policies({
      roles: [
        {
          name: 'job-role',
          arn: JOB_ROLE,
          policies: [
            {
              name: 'bad',
              document: { Statement: [{ Effect: 'Maybe', Action: 's3:GetObject', Resource: '*' }] },
            },
          ],
        },
      ],
    });
    const evaluator = new IamEvaluator(broken, { log: (line) => lines.push(line) });

    const decision = await evaluator.authorize(job, {
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/runs/a',
    });

    expect(decision.allowed).toBe(false);
    expect(!decision.allowed && decision.message).toMatch(/because the policy simulation failed: /);
    expect(lines).toHaveLength(1);
  });

  it('answers a repeated (caller, action, resource) from its cache', async () => {
    const evaluator = new IamEvaluator(policies());
    const check = { action: 's3:ListBucket', resource: 'arn:aws:s3:::data' };

    const first = await evaluator.authorize(job, check);
    const again = await evaluator.authorize(job, check);
    const otherSession = await evaluator.authorize(directory.roleCaller(JOB_ROLE, 'job-2'), check);

    expect(again).toBe(first);
    expect(otherSession).not.toBe(first);
  });
});
