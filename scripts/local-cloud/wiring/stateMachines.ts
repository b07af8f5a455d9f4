import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { ConfigError } from '@seisless/core';
import type { ServiceDocument } from './loadService';
import type { StateMachineDef } from './model';
import { resolveVariables } from './variables';
import { readYamlFile } from './yamlFile';

type Dict = Record<string, unknown>;

export interface MachineScope {
  stage: string;
  region: string;
  accountId: string;
}

function machineArn(name: string, scope: MachineScope): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

function asDefinition(value: unknown, where: string): Dict {
  if (value === null || typeof value !== 'object' || !('States' in value) || !('StartAt' in value)) {
    throw new ConfigError(`${where}: is not a state machine definition; expected StartAt and States`);
  }
  return value as Dict;
}

/** State machines a service declares under `stepFunctions.stateMachines` (serverless-step-functions). */
export function readServiceMachines(doc: ServiceDocument, scope: MachineScope): StateMachineDef[] {
  const machines = (doc.stepFunctions.stateMachines ?? {}) as Record<string, Dict>;
  return Object.entries(machines).map(([key, machine]) => {
    const name = typeof machine.name === 'string' ? machine.name : `${doc.service}-${scope.stage}-${key}`;
    return {
      name,
      arn: machineArn(name, scope),
      definition: asDefinition(machine.definition, `${doc.file} stepFunctions.stateMachines.${key}`),
      source: doc.service,
    };
  });
}

/**
 * State machines in the state-machine folder that no service pulls in with `${file()}`: named after
 * their file (`flow.yml` → `flow`), `${sls:stage}` and `#{AWS::Region}` resolved for the local stage.
 */
export function readLooseMachines(
  folder: string,
  claimed: Set<string>,
  scope: MachineScope,
): StateMachineDef[] {
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder)
    .filter((file) => ['.yml', '.yaml', '.json'].includes(extname(file)))
    .map((file) => resolve(join(folder, file)))
    .filter((path) => !claimed.has(path));
  return files.map((path) => {
    const name = basename(path, extname(path));
    const resolved = resolveVariables(readYamlFile(path), {
      file: path,
      baseDir: folder,
      self: {},
      options: { stage: scope.stage, region: scope.region },
      params: {},
      region: scope.region,
      accountId: scope.accountId,
      loadedFiles: new Set(),
    });
    return { name, arn: machineArn(name, scope), definition: asDefinition(resolved, path), source: path };
  });
}
