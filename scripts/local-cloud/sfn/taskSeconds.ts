type Dict = Record<string, unknown>;

/** The engine's Task timeout when a state sets neither `TimeoutSeconds` nor `TimeoutSecondsPath`. */
const ENGINE_DEFAULT_TIMEOUT_S = 60;

const STEP = /^(?:\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\])/;

/**
 * The value a reference path (`$`, `$.a.b`, `$['a']`, `$.list[0]`: one node, as ASL allows for
 * `…Path` fields) selects in `value`; undefined when it selects nothing or is not such a path.
 */
export function referencePath(path: string, value: unknown): unknown {
  if (!path.startsWith('$')) return undefined;
  let rest = path.slice(1);
  let current = value;
  while (rest !== '') {
    const step = STEP.exec(rest);
    if (!step || current === null || typeof current !== 'object') return undefined;
    const key = step[1] ?? step[3] ?? Number(step[2]);
    current = (current as Dict)[key as string];
    rest = rest.slice(step[0].length);
  }
  return current;
}

/** Whole seconds ≥ 1 of `<field>Seconds`, or of the value `<field>SecondsPath` selects in the input. */
function seconds(state: Dict, field: 'Timeout' | 'Heartbeat', input: unknown): number | undefined {
  const path = state[`${field}SecondsPath`];
  const value = typeof path === 'string' ? referencePath(path, input) : undefined;
  return Number.isInteger(value) && (value as number) >= 1 ? (value as number) : undefined;
}

/**
 * The timeout (ms) the engine gives a Task entered with this (processed) input, computed as
 * TaskStateAction.getTimeoutMs does; undefined when `TimeoutSecondsPath` selects no integer ≥ 1
 * (the engine then fails the state with States.Runtime itself).
 */
export function engineTimeoutMs(state: Dict, input: unknown): number | undefined {
  if (state.TimeoutSeconds) return Number(state.TimeoutSeconds) * 1000;
  if (!state.TimeoutSecondsPath) return ENGINE_DEFAULT_TIMEOUT_S * 1000;
  const value = seconds(state, 'Timeout', input);
  return value === undefined ? undefined : value * 1000;
}

/**
 * `HeartbeatSeconds` (or the value of `HeartbeatSecondsPath`) of a Task: null when there is none,
 * undefined when the path selects no integer ≥ 1.
 */
export function heartbeatSeconds(state: Dict, input: unknown): number | null | undefined {
  if (state.HeartbeatSeconds !== undefined) return Number(state.HeartbeatSeconds);
  if (state.HeartbeatSecondsPath === undefined) return null;
  return seconds(state, 'Heartbeat', input);
}

/** The Parameters fields through which a callback Task's `…SecondsPath` values travel. */
const SECONDS_FIELDS = {
  Timeout: 'localCloudTimeoutSeconds',
  Heartbeat: 'localCloudHeartbeatSeconds',
} as const;

/**
 * AWS resolves a Task's `TimeoutSecondsPath` and `HeartbeatSecondsPath` against the state's input;
 * the engine resolves `TimeoutSecondsPath` against what Parameters produced (and knows no
 * heartbeat). In a callback Task with Parameters (a copy of the definition), each path becomes a
 * Parameters field, which the engine resolves against the input as AWS does, and the state's path
 * points at that field; the handler removes the fields again ({@link withoutSecondsFields}).
 */
export function routeSecondsPaths(state: Dict): void {
  const parameters = state.Parameters;
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) return;
  for (const field of ['Timeout', 'Heartbeat'] as const) {
    const path = state[`${field}SecondsPath`];
    if (typeof path !== 'string') continue;
    (parameters as Dict)[`${SECONDS_FIELDS[field]}.$`] = path;
    state[`${field}SecondsPath`] = `$.${SECONDS_FIELDS[field]}`;
  }
}

/** What a callback Task's Parameters produced, without the fields {@link routeSecondsPaths} added. */
export function withoutSecondsFields<T>(input: T): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const {
    [SECONDS_FIELDS.Timeout]: _timeout,
    [SECONDS_FIELDS.Heartbeat]: _heartbeat,
    ...rest
  } = input as Dict;
  return rest as T;
}
