import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@seisless/core';
import { readFunctions, readS3Subscriptions, readSqsMappings, unsupportedEvents } from './functions';
import { loadService, type ServiceDocument } from './loadService';
import type { Wiring } from './model';
import { readBucketResources, readJobDefinitions, readJobQueues, readQueues } from './resources';
import { readLooseMachines, readServiceMachines } from './stateMachines';

export interface WiringOptions {
  /** Service folders, each holding a serverless.yml. */
  serviceDirs: string[];
  /** Folder of state-machine files; those no service pulls in are loaded under their file name. */
  stateMachineDir: string;
  stage: string;
  region: string;
  accountId: string;
  /** Project root: relative entry-point paths of job definitions resolve against it. */
  rootDir: string;
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

function readDocument(
  doc: ServiceDocument,
  options: WiringOptions,
): Omit<Wiring, 'stage' | 'region' | 'accountId'> {
  const functions = readFunctions(doc, options.stage);
  const s3Subscriptions = readS3Subscriptions(doc, functions);
  const provided = Object.values((doc.provider.s3 ?? {}) as Record<string, { name?: string }>);
  return {
    functions,
    queues: readQueues(doc, options),
    sqsMappings: readSqsMappings(doc, functions),
    s3Subscriptions,
    buckets: [
      ...provided.map((bucket) => String(bucket.name)),
      ...s3Subscriptions.map((subscription) => subscription.bucket),
      ...readBucketResources(doc),
    ],
    jobQueues: readJobQueues(doc, options),
    jobDefinitions: readJobDefinitions(doc, options),
    stateMachines: readServiceMachines(doc, options),
    warnings: unsupportedEvents(doc),
  };
}

/** Concatenates the per-service parts into one wiring. */
function merge(
  base: Pick<Wiring, 'stage' | 'region' | 'accountId'>,
  parts: ReturnType<typeof readDocument>[],
): Wiring {
  type Part = ReturnType<typeof readDocument>;
  const all = <K extends keyof Part>(key: K): Part[K] =>
    parts.flatMap((part) => part[key] as unknown[]) as Part[K];
  return {
    ...base,
    functions: all('functions'),
    queues: all('queues'),
    sqsMappings: all('sqsMappings'),
    s3Subscriptions: all('s3Subscriptions'),
    buckets: [...new Set(all('buckets'))],
    jobQueues: all('jobQueues'),
    jobDefinitions: all('jobDefinitions'),
    stateMachines: all('stateMachines'),
    warnings: all('warnings'),
  } as Wiring;
}

function check(wiring: Wiring): void {
  assertUnique(
    wiring.functions.map((fn) => fn.name),
    'function',
  );
  assertUnique(
    wiring.queues.map((queue) => queue.name),
    'queue',
  );
  assertUnique(
    wiring.jobDefinitions.map((definition) => definition.name),
    'job definition',
  );
  assertUnique(
    wiring.stateMachines.map((machine) => machine.name),
    'state machine',
  );
  for (const mapping of wiring.sqsMappings) {
    if (!wiring.queues.some((queue) => queue.arn === mapping.queueArn)) {
      wiring.warnings.push(`${mapping.functionName}: queue ${mapping.queueArn} is declared by no service`);
    }
  }
}

/** Reads the wiring of every service folder and the state-machine folder: no second copy anywhere. */
export function loadWiring(options: WiringOptions): Wiring {
  const documents = options.serviceDirs.map((dir) => loadService(resolve(dir), options));
  const wiring = merge(
    { stage: options.stage, region: options.region, accountId: options.accountId },
    documents.map((doc) => readDocument(doc, options)),
  );
  const claimed = new Set(documents.flatMap((doc) => [...doc.loadedFiles]));
  wiring.stateMachines.push(...readLooseMachines(options.stateMachineDir, claimed, options));
  check(wiring);
  return wiring;
}
