import type { SfnAction } from './context';

const LOADED_AT = Date.now() / 1000;

export const ListStateMachines: SfnAction = (_input, { store }) => ({
  stateMachines: [...store.machines.values()].map((machine) => ({
    stateMachineArn: machine.arn,
    name: machine.name,
    type: 'STANDARD',
    creationDate: LOADED_AT,
  })),
});
