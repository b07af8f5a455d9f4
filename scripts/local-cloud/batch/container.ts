import { isAbsolute, resolve } from 'node:path';
import { ApiError } from '../http';
import type { JobDefinitionDef } from '../wiring/model';
import type { JobContainer } from './model';

type Dict = Record<string, unknown>;
type NameValue = { name: string; value: string };
type TypeValue = { type: string; value: string };

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function mergeBy<T extends Record<K, string>, K extends keyof T>(base: T[], overrides: T[], key: K): T[] {
  const merged = new Map(base.map((item) => [item[key], item]));
  for (const item of overrides) merged.set(item[key], item);
  return [...merged.values()];
}

function vcpusOf(container: Dict, requirements: TypeValue[]): number {
  const required = requirements.find((requirement) => requirement.type === 'VCPU')?.value;
  return Math.max(1, Math.ceil(Number(required ?? container.vcpus ?? 1)));
}

/** The definition's container (or node-range container of a multi-node job) with the overrides applied. */
export function jobContainer(definition: JobDefinitionDef, overrides: Dict | undefined): JobContainer {
  const base = baseContainer(definition);
  const over = overrides ?? {};
  const resourceRequirements = mergeBy(
    list<TypeValue>(base.resourceRequirements),
    list<TypeValue>(over.resourceRequirements),
    'type',
  );
  return {
    image: base.image as string | undefined,
    command: list<string>(over.command ?? base.command).map(String),
    environment: mergeBy(list<NameValue>(base.environment), list<NameValue>(over.environment), 'name'),
    resourceRequirements,
    vcpus: vcpusOf({ ...base, ...over }, resourceRequirements),
    memory:
      Number(over.memory ?? base.memory ?? resourceRequirements.find((r) => r.type === 'MEMORY')?.value) ||
      undefined,
    jobRoleArn: base.jobRoleArn as string | undefined,
  };
}

function baseContainer(definition: JobDefinitionDef): Dict {
  if (definition.type === 'container') return (definition.properties.containerProperties ?? {}) as Dict;
  const nodes = (definition.properties.nodeProperties ?? {}) as Dict;
  const ranges = list<Dict>(nodes.nodeRangeProperties);
  const main = ranges.find((range) => String(range.targetNodes ?? '').startsWith('0')) ?? ranges[0];
  return (main?.container ?? {}) as Dict;
}

/** Number of nodes of a multi-node job: the override, else the definition's `numNodes`. */
export function nodeCount(definition: JobDefinitionDef, nodeOverrides: Dict | undefined): number | undefined {
  if (definition.type !== 'multinode') return undefined;
  const nodes = (definition.properties.nodeProperties ?? {}) as Dict;
  return Math.max(1, Number(nodeOverrides?.numNodes ?? nodes.numNodes ?? 1));
}

/** `Ref::name` placeholders of the command replaced by the job's parameters. */
export function substituteParameters(command: string[], parameters: Record<string, string>): string[] {
  return command.map((arg) =>
    arg.replace(/Ref::([A-Za-z0-9_-]+)/g, (match, name: string) => parameters[name] ?? match),
  );
}

/**
 * The local program line of a job: the service's entry point (standing in for the image's
 * ENTRYPOINT) followed by the command; multi-node jobs run under `mpirun -n <nodes>`.
 */
export function programLine(
  definition: JobDefinitionDef,
  command: string[],
  numNodes: number | undefined,
): string[] {
  const line = [...definition.entryPoint, ...command];
  const [program, ...args] = line;
  if (program === undefined) {
    throw new ApiError(
      400,
      'ClientException',
      `${definition.name}: no command and no custom.localCloud.entryPoint`,
    );
  }
  const local =
    program.includes('/') && !isAbsolute(program) ? resolve(definition.rootDir, program) : program;
  if (numNodes === undefined) return [local, ...args];
  return ['mpirun', '--allow-run-as-root', '--oversubscribe', '-n', String(numNodes), local, ...args];
}
