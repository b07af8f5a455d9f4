import type { SfnAction } from './context';

export const DescribeStateMachine: SfnAction = (input, { store }) => {
  const machine = store.machine(input.stateMachineArn);
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: JSON.stringify(machine.definition),
    roleArn: `${machine.arn.split(':stateMachine:')[0]?.replace(':states:', ':iam:')}:role/local-cloud`,
    type: 'STANDARD',
    creationDate: Date.now() / 1000,
  };
};
