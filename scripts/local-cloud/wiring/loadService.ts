import { join } from 'node:path';
import { ConfigError } from '@seisless/core';
import { type CfnResource, resolveIntrinsics } from './intrinsics';
import { resolveVariables, type VariableContext } from './variables';
import { readYamlFile } from './yamlFile';

export interface ServiceScope {
  stage: string;
  region: string;
  accountId: string;
}

/** The parts of one serverless.yml the local cloud reads, with variables and intrinsics resolved. */
export interface ServiceDocument {
  dir: string;
  file: string;
  service: string;
  provider: Record<string, unknown>;
  functions: Record<string, Record<string, unknown>>;
  resources: Record<string, CfnResource>;
  custom: Record<string, unknown>;
  stepFunctions: Record<string, unknown>;
  /** Files read through `${file(…)}` while resolving. */
  loadedFiles: Set<string>;
}

type Dict = Record<string, unknown>;

function asDict(value: unknown, what: string, file: string): Dict {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${file}: ${what} is ${JSON.stringify(value)}; expected a mapping`);
  }
  return value as Dict;
}

function stageParams(raw: Dict, stage: string, file: string): Dict {
  const params = asDict(raw.params, 'params', file);
  return {
    ...asDict(params.default, 'params.default', file),
    ...asDict(params[stage], `params.${stage}`, file),
  };
}

/** Reads `<dir>/serverless.yml` and resolves the sections the local cloud uses. */
export function loadService(dir: string, scope: ServiceScope): ServiceDocument {
  const file = join(dir, 'serverless.yml');
  const raw = asDict(readYamlFile(file), 'the document', file);
  const ctx: VariableContext = {
    file,
    baseDir: dir,
    self: raw,
    options: { stage: scope.stage, region: scope.region },
    params: stageParams(raw, scope.stage, file),
    region: scope.region,
    accountId: scope.accountId,
    loadedFiles: new Set(),
  };
  const section = (value: unknown, what: string): Dict => asDict(resolveVariables(value, ctx), what, file);
  const service = resolveVariables(raw.service, ctx);
  if (typeof service !== 'string' || service === '') {
    throw new ConfigError(`${file}: service is ${JSON.stringify(service)}; expected a service name`);
  }
  const resources = section(asDict(raw.resources, 'resources', file).Resources, 'resources.Resources');
  const intrinsics = { file, resources: resources as Record<string, CfnResource>, ...scope };
  const resolved = (value: Dict): Dict => resolveIntrinsics(value, intrinsics) as Dict;
  return {
    dir,
    file,
    service,
    provider: section(raw.provider, 'provider'),
    functions: resolved(section(raw.functions, 'functions')) as Record<string, Dict>,
    resources: resolved(resources) as Record<string, CfnResource>,
    custom: section(raw.custom, 'custom'),
    stepFunctions: resolved(section(raw.stepFunctions, 'stepFunctions')),
    loadedFiles: ctx.loadedFiles,
  };
}
