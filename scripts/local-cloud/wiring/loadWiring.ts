import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@seisless/core';
import { type PackagedService, packagedServices } from '../artifact/artifactCache';
import { readEventRules } from '../events/readEventRules';
import { readComputeEnvironments, readJobDefinitions, readJobQueues } from './batch';
import { readFunctions, readLambdaPermissions, readS3Subscriptions, readSqsMappings } from './functions';
import type { Wiring } from './model';
import { readBuckets, readQueues } from './resources';
import { readRoles } from './roles';
import { readServiceTemplate, type ServiceTemplate, type TemplateScope } from './serviceTemplate';
import { readLooseMachines, readServiceMachines } from './stateMachines';
import { groupUnsupported, unsupportedResources } from './unsupported';

export interface ReadWiringOptions {
  /** Folder of state-machine files; those no service pulls in are loaded under their file name. */
  stateMachineDir: string;
  stage: string;
  region: string;
  accountId: string;
  /** `aws` unless given. */
  partition?: string;
  /** Project root: relative entry-point paths of job definitions resolve against it. */
  rootDir: string;
}

export interface WiringOptions extends ReadWiringOptions {
  /** Service folders, each holding a serverless.yml. */
  serviceDirs: string[];
  /** Packaged artifacts are cached in `<cacheDir>/artifacts`. */
  cacheDir: string;
  /** Packaging progress. */
  log: (line: string) => void;
}

/** Every folder directly under `servicesRoot` that holds a serverless.yml, sorted. */
export function listServiceDirs(servicesRoot: string): string[] {
  if (!existsSync(servicesRoot)) return [];
  return readdirSync(servicesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(servicesRoot, entry.name, 'serverless.yml')))
    .map((entry) => resolve(servicesRoot, entry.name))
    .sort();
}

function assertUnique(names: string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      throw new ConfigError(`two services declare the ${what} '${name}'; names must be unique`);
    seen.add(name);
  }
}

type Part = Omit<Wiring, 'stage' | 'region' | 'accountId' | 'partition'> & { unsupported: string[] };

function readPart(t: ServiceTemplate, scope: TemplateScope): Part {
  const warnings: string[] = [];
  return {
    functions: readFunctions(t),
    roles: readRoles(t, warnings),
    lambdaPermissions: readLambdaPermissions(t),
    queues: readQueues(t),
    sqsMappings: readSqsMappings(t, warnings),
    s3Subscriptions: readS3Subscriptions(t, warnings),
    buckets: readBuckets(t),
    computeEnvironments: readComputeEnvironments(t),
    jobQueues: readJobQueues(t, scope),
    jobDefinitions: readJobDefinitions(t, scope),
    stateMachines: readServiceMachines(t),
    eventRules: readEventRules(t, warnings),
    unsupportedResources: [],
    unsupported: unsupportedResources(t),
    warnings,
  };
}

function merge(scope: TemplateScope, parts: Part[]): Wiring {
  const all = <K extends keyof Part>(key: K): Part[K] =>
    parts.flatMap((part) => part[key] as unknown[]) as Part[K];
  return {
    stage: scope.stage,
    region: scope.region,
    accountId: scope.accountId,
    partition: scope.partition,
    functions: all('functions'),
    roles: all('roles'),
    lambdaPermissions: all('lambdaPermissions'),
    queues: all('queues'),
    sqsMappings: all('sqsMappings'),
    s3Subscriptions: all('s3Subscriptions'),
    buckets: all('buckets'),
    computeEnvironments: all('computeEnvironments'),
    jobQueues: all('jobQueues'),
    jobDefinitions: all('jobDefinitions'),
    stateMachines: all('stateMachines'),
    eventRules: all('eventRules'),
    unsupportedResources: groupUnsupported(all('unsupported')),
    warnings: all('warnings'),
  };
}

function check(wiring: Wiring): void {
  const unique: [string[], string][] = [
    [wiring.functions.map((fn) => fn.name), 'function'],
    [wiring.queues.map((queue) => queue.name), 'queue'],
    [wiring.buckets.map((bucket) => bucket.name), 'bucket'],
    [wiring.roles.map((role) => role.name), 'role'],
    [wiring.jobDefinitions.map((definition) => definition.name), 'job definition'],
    [wiring.stateMachines.map((machine) => machine.name), 'state machine'],
  ];
  for (const [names, what] of unique) assertUnique(names, what);
  for (const mapping of wiring.sqsMappings) {
    if (!wiring.queues.some((queue) => queue.arn === mapping.queueArn)) {
      wiring.warnings.push(`${mapping.functionName}: queue ${mapping.queueArn} is declared by no service`);
    }
  }
  const functions = new Set(wiring.functions.map((fn) => fn.name));
  for (const rule of wiring.eventRules) {
    for (const target of rule.targets.filter((candidate) => !functions.has(candidate.functionName)))
      wiring.warnings.push(
        `rule ${rule.name}: target function ${target.functionName} is declared by no service`,
      );
  }
}

/** The wiring of already packaged services and the loose state-machine files. */
export function readWiring(packages: PackagedService[], options: ReadWiringOptions): Wiring {
  const scope: TemplateScope = { ...options, partition: options.partition ?? 'aws' };
  const wiring = merge(
    scope,
    packages.map((pkg) => readPart(readServiceTemplate(pkg, scope), scope)),
  );
  const claimed = new Set(packages.flatMap((pkg) => pkg.pulledIn));
  wiring.stateMachines.push(...readLooseMachines(options.stateMachineDir, claimed, scope));
  check(wiring);
  return wiring;
}

/**
 * Packages every service as `serverless deploy` would (cached by a hash of its inputs) and reads the
 * wiring from the templates: the deployment artifact itself, no second reading of serverless.yml.
 */
export async function loadWiring(options: WiringOptions): Promise<Wiring> {
  const packages = await packagedServices(
    options.serviceDirs.map((dir) => resolve(dir)),
    options,
  );
  return readWiring(packages, options);
}
