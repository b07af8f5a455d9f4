import { type DescribeExecutionCommandOutput, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  type RunSpec,
  type RunState,
  readContractOrUndefined,
  runKeys,
  runStateSchema,
} from '@seisless/core';
import { crashRecoveries } from '../report/crashRecoveries';
import type { CliDeps } from './deps';
import { type ExecutionFailure, executionFailure, failureLine } from './executionFailure';
import { recordInterruption } from './recordInterruption';
import { errorLine, RunFailedError } from './runFailedError';
import { timestamp } from './runId';
import { measureUsage } from './runUsage';
import type { CloudSession, InjectedFaults } from './session';
import { watchExecution } from './watchExecution';
import { writeReport } from './writeReport';

export interface ExecuteRunOptions {
  readonly runId: string;
  /** The spec to start with, or null to use the one stored in S3 (resume). */
  readonly input: RunSpec | null;
  /** The run's spec (for progress): the input, or the stored one. */
  readonly spec: RunSpec;
  readonly resume: boolean;
  readonly json: boolean;
}

/** What `run` and `resume` print on stdout (`--json`) when the execution ends. */
export interface RunResult {
  readonly runId: string;
  readonly status: string;
  readonly executionArn: string;
  readonly wallSeconds: number;
  readonly completedIterations: number;
  readonly iterations: number;
  readonly objectives: readonly (number | null)[];
  readonly report: { readonly html: string; readonly json: string; readonly s3: string } | null;
  readonly error?: string;
  /** Local cloud with `--faults` only: the faults it injected during this session. */
  readonly injectedFaults?: InjectedFaults;
}

/** The reducer's crashes during this session, from its log (local cloud only). */
function reducerCrashes(session: CloudSession) {
  const log = session.functionLog?.(`seisless-gradient-reducer-${session.stage}-reduce`);
  return log === undefined ? {} : { crashRecoveries: crashRecoveries(log) };
}

/** Starts the imaging state machine, follows it to the end, writes the report and prints the result. */
export async function executeRun(
  session: CloudSession,
  options: ExecuteRunOptions,
  deps: CliDeps,
): Promise<number> {
  const { runId } = options;
  const stateMachineArn = await session.stateMachineArn();
  // Warming the local cloud's functions in parallel with the run's first steps slowed those
  // steps by seconds; warm first, then start.
  await session.functionsWarm?.();
  const name = `${runId}-${options.resume ? 'resume-' : ''}${timestamp(deps.now())}`;
  const input = JSON.stringify({ runId, spec: options.input, resume: options.resume });
  const started = await session.sfn.send(new StartExecutionCommand({ stateMachineArn, name, input }));
  const executionArn = started.executionArn ?? '';
  deps.stderr(
    `seisless: run ${runId} started (${session.kind}${session.kind === 'aws' ? ` stage ${session.stage}` : ''}); execution ${name}\n`,
  );
  const forget = session.whenInterrupted?.(() => recordInterruption(session.store, runId, deps.now));
  const execution = await watchExecution(session, executionArn, { runId, spec: options.spec }, deps).finally(
    () => forget?.(),
  );
  const startedAt = execution.startDate?.getTime();
  const finishedAt = execution.stopDate?.getTime() ?? deps.now().getTime();
  const state = await readContractOrUndefined(session.store, runKeys(runId).state, runStateSchema);
  const succeeded = execution.status === 'SUCCEEDED';
  const failed = succeeded ? undefined : await whyItFailed(session, execution, state);
  const failure = failed === undefined ? undefined : errorLine(failed.error);
  await session
    .recordExecution?.(runId, {
      name,
      status: execution.status ?? 'UNKNOWN',
      ...(failed === undefined ? {} : { failure: failed }),
    })
    .catch((error: Error) =>
      deps.stderr(`seisless: warning: could not record the execution: ${error.message}\n`),
    );
  let report: RunResult['report'] = null;
  // A run that failed before writing its state (StartRun denied, say) has nothing to report.
  if (state !== undefined) {
    try {
      // Counted before the report reads the run, so the report's own requests are not billed to it.
      const invocations = session.lambdaInvocations();
      const usage = await measureUsage(session, { runId, executionArn, vcpus: options.spec.compute.vcpus });
      const built = await writeReport(session, runId, deps, {
        startedAt,
        finishedAt,
        invocations,
        usage,
        ...reducerCrashes(session),
      });
      report = { html: built.html, json: built.json, s3: built.s3Url };
    } catch (error) {
      deps.stderr(`seisless: warning: the report could not be written: ${(error as Error).message}\n`);
    }
  }
  const injectedFaults = session.injectedFaults?.();
  if (injectedFaults !== undefined)
    deps.stderr(`seisless: faults injected: ${describeFaults(injectedFaults)}\n`);
  const result: RunResult = {
    runId,
    status: execution.status ?? 'UNKNOWN',
    executionArn,
    wallSeconds: startedAt === undefined ? 0 : Math.round((finishedAt - startedAt) / 100) / 10,
    completedIterations: state?.completedIterations ?? 0,
    iterations: state?.iterations ?? 0,
    objectives: state?.objectives ?? [],
    report,
    ...(failure === undefined ? {} : { error: failure }),
    ...(injectedFaults === undefined ? {} : { injectedFaults }),
  };
  deps.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
  if (!succeeded) throw new RunFailedError(failureLine(runId, result.status, failed));
  return 0;
}

/**
 * The error that stopped the run and the state it stopped in: from the execution's history (the
 * error the machine caught), else the one the run recorded, else the execution's own. Without a
 * run state, the execution's error is the only one there is: RecordFailure then fails too (it has
 * no state to write to), so the execution ends with that secondary error.
 */
async function whyItFailed(
  session: CloudSession,
  execution: DescribeExecutionCommandOutput,
  state: RunState | undefined,
): Promise<ExecutionFailure> {
  let fromHistory: ExecutionFailure | undefined;
  try {
    fromHistory = await executionFailure(session.sfn, execution.executionArn ?? '');
  } catch {
    // Reading the history is best effort; the recorded error says what failed.
  }
  const error = fromHistory?.error ?? state?.error ?? { Error: execution.error, Cause: execution.cause };
  return { ...(fromHistory?.state === undefined ? {} : { state: fromHistory.state }), error };
}

/** `sqsDuplicates 3, batchKills 1, …` */
function describeFaults(counts: InjectedFaults): string {
  return Object.entries(counts)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
}

/** The human form of a run's result. */
export function formatResult(result: RunResult): string {
  const lines = [
    `run ${result.runId}: ${result.status} in ${result.wallSeconds} s (${result.completedIterations}/${result.iterations} iterations)`,
  ];
  result.objectives.forEach((value, i) => {
    lines.push(`  iteration ${i + 1}: objective ${value === null ? '–' : value.toExponential(4)}`);
  });
  if (result.report !== null) lines.push(`report: ${result.report.html}`, `        ${result.report.s3}`);
  return `${lines.join('\n')}\n`;
}
