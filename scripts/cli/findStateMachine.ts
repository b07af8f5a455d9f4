import { ListStateMachinesCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ConfigError } from '@seisless/core';

/** Finds a state machine's ARN by name with ListStateMachines (paginated). */
export async function findStateMachineArn(sfn: SFNClient, name: string, where: string): Promise<string> {
  let nextToken: string | undefined;
  const seen: string[] = [];
  do {
    const page = await sfn.send(new ListStateMachinesCommand({ nextToken }));
    for (const machine of page.stateMachines ?? []) {
      if (machine.name === name && machine.stateMachineArn !== undefined) return machine.stateMachineArn;
      if (machine.name !== undefined) seen.push(machine.name);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  const found = seen.length === 0 ? 'none' : seen.join(', ');
  throw new ConfigError(
    `state machine '${name}' not found ${where} (found: ${found}); deploy the iterator service for this stage`,
  );
}
