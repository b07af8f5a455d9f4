import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@seisless/core';
import type { PackagedService } from '../artifact/artifactCache';
import type { Physical } from './physicalIds';
import { type CfnResource, type CfnTemplate, resolveTemplate } from './resolveTemplate';

type Dict = Record<string, unknown>;

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';
export const STATE_FILE = 'serverless-state.json';

/** Where the wiring is read for: the local stack's account, region, partition and stage. */
export interface TemplateScope {
  stage: string;
  region: string;
  accountId: string;
  partition: string;
  /** Project root: relative entry points of job definitions resolve against it. */
  rootDir: string;
}

/** The parts of serverless-state.json the reader uses. */
interface ServerlessState {
  service: {
    service: string;
    provider?: { stackName?: string };
    custom?: Dict;
    functions?: Record<string, { name?: string; package?: { artifact?: string } }>;
  };
}

/** One service's packaged template, intrinsics resolved, with what serverless knows beside it. */
export interface ServiceTemplate {
  /** The template file (named in errors). */
  file: string;
  service: string;
  serviceDir: string;
  packageDir: string;
  resources: Record<string, CfnResource>;
  physical: Record<string, Physical>;
  /** `custom` of the service (e.g. `custom.localCloud.entryPoint`). */
  custom: Dict;
  /** Function key in serverless.yml → deployed name and packaged artifact. */
  functions: Record<string, { name?: string; package?: { artifact?: string } }>;
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new ConfigError(`${path}: cannot be read as JSON; expected the output of serverless package`, {
      cause: error,
    });
  }
}

/** Reads and resolves the template `serverless package` wrote for one service. */
export function readServiceTemplate(pkg: PackagedService, scope: TemplateScope): ServiceTemplate {
  const file = join(pkg.dir, TEMPLATE_FILE);
  const template = readJson<CfnTemplate>(file);
  const state = readJson<ServerlessState>(join(pkg.dir, STATE_FILE)).service;
  const stackName = state.provider?.stackName ?? `${state.service}-${scope.stage}`;
  const { resources, physical } = resolveTemplate(template, { ...scope, stackName }, file);
  return {
    file,
    service: state.service,
    serviceDir: pkg.serviceDir,
    packageDir: pkg.dir,
    resources,
    physical,
    custom: state.custom ?? {},
    functions: state.functions ?? {},
  };
}

/** The resources of one type: logical id and resolved properties. */
export function resourcesOfType(t: ServiceTemplate, type: string): [string, Dict][] {
  return Object.entries(t.resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}

/** A function's name from what CloudFormation accepts: name, `name:qualifier`, or (partial) ARN. */
export function functionNameOf(value: unknown): string {
  const text = String(value);
  if (text.startsWith('arn:')) return text.split(':')[6] ?? text;
  return text.split(':')[0] ?? text;
}

/** The last part of an SQS ARN: the queue's name. */
export function queueNameOf(arn: string): string {
  return arn.split(':').pop() ?? arn;
}
