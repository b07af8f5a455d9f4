import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { ConfigError } from '@seisless/core';
import { parse } from 'yaml';
import type { StateMachineDef } from './model';
import { resourcesOfType, type ServiceTemplate, type TemplateScope } from './serviceTemplate';

type Dict = Record<string, unknown>;

function asDefinition(value: unknown, where: string): Dict {
  if (value === null || typeof value !== 'object' || !('States' in value) || !('StartAt' in value)) {
    throw new ConfigError(`${where}: is not a state machine definition; expected StartAt and States`);
  }
  return value as Dict;
}

function parseDefinition(props: Dict, where: string): Dict {
  if (props.Definition !== undefined) return asDefinition(props.Definition, where);
  if (typeof props.DefinitionString !== 'string') {
    throw new ConfigError(
      `${where}: has no DefinitionString or Definition; the local cloud cannot read S3 locations`,
    );
  }
  try {
    return asDefinition(JSON.parse(props.DefinitionString), where);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${where}: DefinitionString is not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/** The AWS::StepFunctions::StateMachine resources, definitions parsed, with their roles. */
export function readServiceMachines(t: ServiceTemplate): StateMachineDef[] {
  return resourcesOfType(t, 'AWS::StepFunctions::StateMachine').map(([logicalId, props]) => {
    const physical = t.physical[logicalId];
    return {
      name: physical?.attributes.Name ?? logicalId,
      arn: physical?.ref ?? '',
      definition: parseDefinition(props, `${t.file}: ${logicalId}`),
      source: t.service,
      roleArn: String(props.RoleArn ?? ''),
    };
  });
}

/** `${sls:stage}` and the pseudo parameters a loose state-machine file may use, for the local stage. */
function substitute(text: string, path: string, scope: TemplateScope): string {
  const values: Record<string, string> = {
    'sls:stage': scope.stage,
    'AWS::Region': scope.region,
    'AWS::AccountId': scope.accountId,
    'AWS::Partition': scope.partition,
  };
  return text.replace(/[$#]\{([^}]*)\}/g, (match, name: string) => {
    const value = values[name.trim()];
    if (value === undefined) {
      throw new ConfigError(
        `${path}: unsupported variable '${match}'; expected \${sls:stage} or #{AWS::Region|AccountId|Partition}`,
      );
    }
    return value;
  });
}

/**
 * State machines in the state-machine folder that no service pulls in with `${file()}`: named after
 * their file (`flow.yml` → `flow`), run as an administrator would run them (no role).
 */
export function readLooseMachines(
  folder: string,
  claimed: Set<string>,
  scope: TemplateScope,
): StateMachineDef[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => ['.yml', '.yaml', '.json'].includes(extname(file)))
    .map((file) => resolve(join(folder, file)))
    .filter((path) => !claimed.has(path))
    .map((path) => {
      const name = basename(path, extname(path));
      let document: unknown;
      try {
        document = parse(substitute(readFileSync(path, 'utf8'), path, scope));
      } catch (error) {
        if (error instanceof ConfigError) throw error;
        throw new ConfigError(`${path}: is not valid YAML (${(error as Error).message})`, { cause: error });
      }
      return {
        name,
        arn: `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:stateMachine:${name}`,
        definition: asDefinition(document, path),
        source: path,
        roleArn: '',
      };
    });
}
