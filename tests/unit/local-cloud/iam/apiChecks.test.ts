import { batchAction, batchChecks } from '../../../../scripts/local-cloud/iam/batchChecks';
import { sfnCheck } from '../../../../scripts/local-cloud/iam/sfnChecks';
import { sqsCheck } from '../../../../scripts/local-cloud/iam/sqsChecks';

const account = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };

describe('sqsCheck', () => {
  it('names the queue of QueueUrl, its owner from the URL', () => {
    const url = 'http://127.0.0.1:4566/000000000000/seisless-reducer.fifo';
    expect(sqsCheck('ReceiveMessage', { QueueUrl: url }, account)).toEqual({
      action: 'sqs:ReceiveMessage',
      resource: 'arn:aws:sqs:us-east-1:000000000000:seisless-reducer.fifo',
    });
  });

  it('authorises the batch forms as their single form', () => {
    const params = { QueueUrl: 'http://h/000000000000/q' };
    expect(sqsCheck('SendMessageBatch', params, account)?.action).toBe('sqs:SendMessage');
    expect(sqsCheck('DeleteMessageBatch', params, account)?.action).toBe('sqs:DeleteMessage');
    expect(sqsCheck('ChangeMessageVisibilityBatch', params, account)?.action).toBe(
      'sqs:ChangeMessageVisibility',
    );
  });

  it('names the queue of QueueName (GetQueueUrl, CreateQueue), ListQueues on *', () => {
    expect(sqsCheck('GetQueueUrl', { QueueName: 'q' }, account)?.resource).toBe(
      'arn:aws:sqs:us-east-1:000000000000:q',
    );
    expect(sqsCheck('ListQueues', {}, account)).toEqual({ action: 'sqs:ListQueues', resource: '*' });
    expect(sqsCheck('SendMessage', {}, account)).toBeUndefined();
  });
});

describe('sfnCheck', () => {
  const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:imaging';
  const execution = 'arn:aws:states:us-east-1:000000000000:execution:imaging:run-1';

  it('authorises on the state machine or the execution the call names', () => {
    expect(sfnCheck('StartExecution', { stateMachineArn: machine }, account)).toEqual({
      action: 'states:StartExecution',
      resource: machine,
    });
    expect(sfnCheck('DescribeExecution', { executionArn: execution }, account).resource).toBe(execution);
    expect(sfnCheck('ListExecutions', { stateMachineArn: machine }, account).resource).toBe(machine);
    expect(sfnCheck('ListStateMachines', {}, account).resource).toBe('*');
  });

  it('authorises task callbacks on the state machine whose execution issued the token', () => {
    const owner = (token: unknown) => (token === 'issued' ? machine : undefined);

    expect(sfnCheck('SendTaskSuccess', { taskToken: 'issued' }, account, owner)).toEqual({
      action: 'states:SendTaskSuccess',
      resource: machine,
      unlistedResourceType: true,
    });
    expect(sfnCheck('SendTaskFailure', { taskToken: 'issued' }, account, owner).resource).toBe(machine);
    expect(sfnCheck('SendTaskHeartbeat', { taskToken: 'issued' }, account, owner).resource).toBe(machine);
    expect(sfnCheck('SendTaskSuccess', { taskToken: 'forged' }, account, owner).resource).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:*',
    );
  });
});

describe('batchChecks', () => {
  const definitions = [
    { name: 'shot', arn: 'arn:aws:batch:us-east-1:000000000000:job-definition/shot:1', revision: 1 },
  ];

  it('maps REST paths to actions', () => {
    expect(batchAction('/v1/submitjob')).toBe('batch:SubmitJob');
    expect(batchAction('/v1/DescribeJobs')).toBe('batch:DescribeJobs');
    expect(batchAction('/v1/nothing')).toBeUndefined();
  });

  it('authorises SubmitJob on both the job queue and the job definition with its revision', () => {
    const checks = batchChecks(
      'batch:SubmitJob',
      { jobQueue: 'q', jobDefinition: 'shot' },
      account,
      definitions,
    );

    expect(checks).toEqual([
      { action: 'batch:SubmitJob', resource: 'arn:aws:batch:us-east-1:000000000000:job-queue/q' },
      { action: 'batch:SubmitJob', resource: 'arn:aws:batch:us-east-1:000000000000:job-definition/shot:1' },
    ]);
  });

  it('authorises TerminateJob and CancelJob on the job, Describe and List calls on *', () => {
    expect(batchChecks('batch:TerminateJob', { jobId: 'j-1' }, account, definitions)).toEqual([
      { action: 'batch:TerminateJob', resource: 'arn:aws:batch:us-east-1:000000000000:job/j-1' },
    ]);
    expect(batchChecks('batch:DescribeJobs', { jobs: ['j-1'] }, account, definitions)).toEqual([
      { action: 'batch:DescribeJobs', resource: '*' },
    ]);
  });
});
