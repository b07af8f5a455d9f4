import { roleCredentials } from '../../../../scripts/local-cloud/iam/credentials';
import { IamGate } from '../../../../scripts/local-cloud/iam/gate';
import type { IamPolicies } from '../../../../scripts/local-cloud/iam/policies';
import type { SfnContext } from '../../../../scripts/local-cloud/sfn/actions/context';
import { sfnRouter } from '../../../../scripts/local-cloud/sfn/router';
import type { SfnRunner } from '../../../../scripts/local-cloud/sfn/runner';
import { SfnStore } from '../../../../scripts/local-cloud/sfn/store';
import type { StateMachineDef } from '../../../../scripts/local-cloud/wiring/model';

const ACCOUNT = '000000000000';
const MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:imaging`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** A role allowed `actions` on `resource`. */
function role(name: string, actions: string[], resource: string) {
  const statement = { Effect: 'Allow', Action: actions, Resource: resource };
  return {
    name,
    arn: roleArn(name),
    policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [statement] } }],
  };
}

const policies: IamPolicies = {
  enabled: true,
  partition: 'aws',
  region: 'us-east-1',
  accountId: ACCOUNT,
  roles: [
    role(
      'responder',
      ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      MACHINE,
    ),
    role('bystander', ['states:DescribeExecution'], MACHINE),
    role('anyMachine', ['states:SendTaskSuccess'], `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:*`),
  ],
  buckets: [],
  lambdaPermissions: [],
  functionArns: {},
};

/** A router over a store holding one open token of an `imaging` execution; records what reached it. */
function setUp() {
  const store = new SfnStore([{ name: 'imaging', arn: MACHINE } as StateMachineDef]);
  const token = store.tokens.mint();
  const answers: unknown[] = [];
  store.tokens.open(
    token,
    { executionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:run-1`, stateMachineArn: MACHINE },
    {
      succeed: (output) => answers.push(output),
      fail: (error) => answers.push(error),
      heartbeat: () => answers.push('beat'),
      abandon: () => undefined,
    },
  );
  const router = sfnRouter({ store, runner: {} as SfnRunner, iam: new IamGate(policies) } as SfnContext);
  const call = (as: string, body: Record<string, unknown>) => {
    const credentials = roleCredentials(roleArn(as), 'worker');
    return router({
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': 'AWSStepFunctions.SendTaskSuccess',
        authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0`,
        'x-amz-security-token': credentials.sessionToken,
      },
      body: JSON.stringify(body),
    });
  };
  return { token, answers, call };
}

describe('SendTaskSuccess under IAM', () => {
  it('is allowed to a role with states:SendTaskSuccess on the state machine that issued the token', async () => {
    const { token, answers, call } = setUp();

    const reply = await call('responder', { taskToken: token, output: '{"ok":true}' });

    expect(reply).toMatchObject({ status: 200, body: '{}' });
    expect(answers).toEqual([{ ok: true }]);
  });

  it('is denied to a role without it, naming the action and the state machine', async () => {
    const { token, answers, call } = setUp();

    const reply = await call('bystander', { taskToken: token, output: '{}' });

    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      __type: 'AccessDeniedException',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/bystander/worker is not authorized to perform: states:SendTaskSuccess on resource: ${MACHINE} because no identity-based policy allows the states:SendTaskSuccess action`,
    });
    expect(answers).toEqual([]);
  });

  it('answers a token the cloud never issued with InvalidToken, to callers granted the action', async () => {
    const { call } = setUp();

    const broad = await call('anyMachine', { taskToken: 'forged', output: '{}' });
    const narrow = await call('responder', { taskToken: 'forged', output: '{}' });
    const none = await call('bystander', { taskToken: 'forged', output: '{}' });

    expect(JSON.parse(broad.body)).toEqual({ __type: 'InvalidToken', message: 'Invalid token' });
    expect(JSON.parse(narrow.body)).toEqual({ __type: 'InvalidToken', message: 'Invalid token' });
    expect(JSON.parse(none.body)).toMatchObject({
      __type: 'AccessDeniedException',
      message: expect.stringContaining(
        `states:SendTaskSuccess on resource: arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:*`,
      ),
    });
  });
});
