import { runKeys, SeislessError, s3ObjectBytes } from '@seisless/core';
import { defineCommand } from '../command';
import { executeRun } from '../executeRun';
import { faultsOptionDefinition, parseFaultsOption } from '../faultsOption';
import { onePositional } from '../parseCommandLine';
import { checkBeforeSubmission, localBucketObjects } from '../preflightRun';
import { readSpecFile } from '../readSpecFile';
import { assertRunId, defaultRunId } from '../runId';
import { parseTarget, type Target, targetOptionDefinitions } from '../targetOptions';

export interface RunOptions {
  readonly specPath: string;
  readonly runId: string | undefined;
  readonly target: Target;
  readonly json: boolean;
  readonly faults: unknown;
}

const usage = 'run <spec.json> [--run-id ID] [--aws --stage S [--region R]] [--json] [--faults JSON]';

export const runCommand = defineCommand<RunOptions>({
  name: 'run',
  usage,
  summary: 'validate a run spec, run it to the end (local cloud by default) and write its report',
  options: {
    ...targetOptionDefinitions,
    'run-id': { type: 'string' },
    json: { type: 'boolean', default: false },
    ...faultsOptionDefinition,
  },
  parse({ values, positionals }) {
    const target = parseTarget(values);
    const faults = parseFaultsOption(values.faults, target);
    return {
      specPath: onePositional(positionals, 'the run spec file', usage),
      runId: values['run-id'] as string | undefined,
      target,
      json: values.json === true,
      faults,
    };
  },
  async run(options, deps) {
    const spec = await readSpecFile(options.specPath, deps.cwd);
    const runId =
      options.runId === undefined
        ? (spec.runId ?? defaultRunId(options.specPath, deps.now()))
        : assertRunId(options.runId, '--run-id');
    // Refusing must not wait for the local cloud: its bucket is read from disk, before it starts.
    if (!options.target.aws) {
      await checkBeforeSubmission(
        spec,
        localBucketObjects(deps.dataDir, options.target.stage),
        options.specPath,
        deps,
      );
    }
    const session = await deps.connect(options.target, { faults: options.faults });
    try {
      if (options.target.aws) {
        await checkBeforeSubmission(spec, s3ObjectBytes(session.s3, session.bucket), options.specPath, deps);
      }
      if (await session.store.exists(runKeys(runId).state)) {
        throw new SeislessError(
          `run '${runId}' already exists; continue it with \`seisless resume ${runId}\` or choose another --run-id`,
        );
      }
      const input = { ...spec, runId };
      return await executeRun(
        session,
        { runId, input, spec: input, resume: false, json: options.json },
        deps,
      );
    } finally {
      await session.stop();
    }
  },
});
