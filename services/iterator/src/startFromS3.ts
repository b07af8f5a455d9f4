import {
  assertPreflightPassed,
  type ObjectBytes,
  type ObjectStore,
  preflightRunSpec,
  runKeys,
  SeislessError,
  TransientError,
  validateRunSpec,
} from '@seisless/core';
import { initialRunState } from './runState';
import { SPEC_WARNING_PREFIX } from './startRun';

/** Starts an execution of the imaging state machine; the port hides Step Functions. */
export type StartExecution = (
  name: string,
  input: { runId: string; spec: null; resume: false },
) => Promise<string>;

/**
 * What became of one spec: the execution started, or the error that refused it; with the
 * pre-submission checks' warnings either way (the started run's StartRun records them in its state).
 */
export type StartFromS3Outcome = {
  readonly runId: string;
  readonly executionArn?: string;
  readonly error?: string;
  readonly warnings?: readonly string[];
};

const SPEC_KEY = /^runs\/([a-z0-9][a-z0-9-]{0,39})\/spec\.json$/;

/**
 * An S3 ObjectCreated record for `runs/{runId}/spec.json` starts that run. An invalid spec, or one
 * the pre-submission checks refuse (preflightRunSpec; the model objects too when `objects` reads
 * the bucket), starts nothing: the run's state records the error, so `seisless status` shows it.
 */
export async function startFromS3Record(
  rawKey: string,
  deps: { store: ObjectStore; startExecution: StartExecution; now: () => Date; objects?: ObjectBytes },
): Promise<StartFromS3Outcome> {
  // S3 event keys are URL-encoded with '+' for spaces.
  const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
  const runId = SPEC_KEY.exec(key)?.[1];
  if (runId === undefined) {
    throw new SeislessError(
      `${key}: not a run spec key; expected runs/<runId>/spec.json with a lower-case runId`,
    );
  }
  // A spec written by startRun itself (a CLI or resumed run) already has its state: not a new run.
  if (await deps.store.exists(runKeys(runId).state)) return { runId };
  let warnings: readonly string[] = [];
  try {
    const spec = validateRunSpec(await deps.store.getJson(key), key);
    const report = await preflightRunSpec(spec, deps.objects);
    warnings = report.warnings;
    assertPreflightPassed(report, key);
    const executionArn = await deps.startExecution(`${runId}-${deps.now().getTime()}`, {
      runId,
      spec: null,
      resume: false,
    });
    return { runId, executionArn, warnings };
  } catch (error) {
    // A throttled or unavailable S3 is no verdict on the spec: fail, so Lambda retries the event.
    if (!(error instanceof SeislessError) || error instanceof TransientError) throw error;
    const state = { ...initialRunState(runId, placeholderSpec(), deps.now()), status: 'FAILED' as const };
    await deps.store.putJson(runKeys(runId).state, {
      ...state,
      warnings: warnings.map((w) => `${SPEC_WARNING_PREFIX}${w}`),
      error: { Error: error.name, Cause: error.message },
    });
    return { runId, error: error.message, warnings };
  }
}

/** The state of a run whose spec never validated has no algorithm to speak of. */
function placeholderSpec() {
  return { algorithm: { kind: 'rtm' as const } } as Parameters<typeof initialRunState>[1];
}
