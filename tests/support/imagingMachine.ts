import '../../scripts/local-cloud/polyfills';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { parse } from 'yaml';

/** A stand-in for the Lambda behind one Task state. */
export type TaskHandler = (input: unknown) => unknown;

const file = join(__dirname, '../../state-machines/imaging.yml');

/** `state-machines/imaging.yml` with its deploy-time placeholders filled in. */
export const imagingDefinition = parse(
  readFileSync(file, 'utf8')
    .replaceAll(/\$\{sls:stage\}/g, 'test')
    .replaceAll('#{AWS::Partition}', 'aws')
    .replaceAll('#{AWS::Region}', 'us-east-1')
    .replaceAll('#{AWS::AccountId}', '000000000000'),
);

/** A handler that throws an error named `name`, as a Lambda's error reaches Step Functions. */
export function failing(name: string, message: string): TaskHandler {
  return () => {
    const error = new Error(message);
    error.name = name;
    throw error;
  };
}

/** The error name of the Fail state that ended the execution (the engine's ExecutionError wraps it). */
export function failedWith(error: Error | undefined): string | undefined {
  return (error?.cause as Error | undefined)?.name;
}

/** The waits (callback tasks) end at once with a wake-up unless a test gives them a handler. */
const WAITS = ['AwaitJobs', 'AwaitGradients', 'AwaitReduction'];
const wokenAtOnce: TaskHandler = () => ({ reason: 'test', at: 0, deliveredBy: 'signal' });

/**
 * Runs the imaging machine with every Task replaced by a local handler, no retry delays, and the
 * waits woken at once. Records each Task's inputs (`calls`) and the order the Tasks ran in (`order`).
 */
export async function runImaging(given: Record<string, TaskHandler>) {
  const handlers = { ...Object.fromEntries(WAITS.map((state) => [state, wokenAtOnce])), ...given };
  const calls: Record<string, unknown[]> = {};
  const order: string[] = [];
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([state, handler]) => [
      state,
      async (input: unknown) => {
        calls[state] = [...(calls[state] ?? []), input];
        order.push(state);
        return handler(input) as never;
      },
    ]),
  );
  const machine = new StateMachine(imagingDefinition, { validationOptions: { checkPaths: false } });
  const execution = machine.run(
    { runId: 'demo', spec: null, resume: false },
    {
      context: { Task: { Token: 'test-token' } },
      overrides: {
        taskResourceLocalHandlers: recorded,
        retryIntervalOverrides: Object.fromEntries(Object.keys(handlers).map((state) => [state, 0])),
      },
    },
  );
  const outcome = await execution.result.then(
    (output) => ({ output, error: undefined }),
    (error: Error) => ({ output: undefined, error }),
  );
  return { calls, order, outcome };
}
