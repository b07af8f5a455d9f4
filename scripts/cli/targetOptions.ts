import type { OptionDefinitions, ParsedCommandLine } from './command';
import { UsageError } from './usageError';

/** Where a command acts: the embedded local cloud (default) or a deployed stage on AWS. */
export interface Target {
  readonly aws: boolean;
  readonly stage: string;
  readonly region: string | undefined;
}

/** The options every command that talks to a cloud accepts. */
export const targetOptionDefinitions: OptionDefinitions = {
  aws: { type: 'boolean', default: false },
  stage: { type: 'string' },
  region: { type: 'string' },
};

const STAGE = /^[a-z0-9][a-z0-9-]{0,15}$/;

/** Reads `--aws --stage S --region R`; `--stage` and `--region` need `--aws`. */
export function parseTarget(values: ParsedCommandLine['values']): Target {
  const aws = values.aws === true;
  const stage = typeof values.stage === 'string' ? values.stage : undefined;
  const region = typeof values.region === 'string' ? values.region : undefined;
  if (!aws && (stage !== undefined || region !== undefined)) {
    throw new UsageError('--stage and --region apply to deployed stacks; add --aws');
  }
  if (aws && stage === undefined) throw new UsageError('--aws needs --stage <name> (e.g. --stage dev)');
  if (stage !== undefined && !STAGE.test(stage)) {
    throw new UsageError(`--stage: '${stage}'; expected lower-case letters, digits and dashes`);
  }
  return { aws, stage: stage ?? 'local', region };
}
