import type { HistoryEvent } from './store';

/** The event-log entries of aws-local-stepfunctions that become history events. */
export interface EngineEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  index?: number;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  parentState?: { name: string };
}

const json = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/** Appends history events with consecutive ids, as GetExecutionHistory returns them. */
export class HistoryLog {
  constructor(private readonly events: HistoryEvent[]) {}

  add(type: string, details: Record<string, unknown> = {}, at = Date.now()): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp: at / 1000, type, ...details });
  }

  /** Maps one engine event to its Step Functions history event (when it has one). */
  record(event: EngineEvent): void {
    const mapped = mapEngineEvent(event);
    if (mapped) this.add(mapped.type, mapped.details, event.timestamp);
  }
}

function mapStateEvent(event: EngineEvent): { type: string; details: Record<string, unknown> } | undefined {
  const state = event.state;
  if (!state) return undefined;
  if (event.type === 'StateEntered') {
    return {
      type: `${state.type}StateEntered`,
      details: { stateEnteredEventDetails: { name: state.name, input: json(state.input) } },
    };
  }
  if (event.type === 'StateExited') {
    return {
      type: `${state.type}StateExited`,
      details: { stateExitedEventDetails: { name: state.name, output: json(state.output) } },
    };
  }
  return undefined;
}

export function mapEngineEvent(
  event: EngineEvent,
): { type: string; details: Record<string, unknown> } | undefined {
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        type: 'ExecutionStarted',
        details: { executionStartedEventDetails: { input: json(event.input) } },
      };
    case 'ExecutionSucceeded':
      return {
        type: 'ExecutionSucceeded',
        details: { executionSucceededEventDetails: { output: json(event.output) } },
      };
    case 'ExecutionFailed':
      return {
        type: 'ExecutionFailed',
        details: { executionFailedEventDetails: { error: event.Error, cause: json(event.Cause) } },
      };
    case 'ExecutionTimeout':
      return { type: 'ExecutionTimedOut', details: { executionTimedOutEventDetails: {} } };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed': {
      const key = `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
      return { type: event.type, details: { [key]: { name: event.parentState?.name, index: event.index } } };
    }
    default:
      return mapStateEvent(event);
  }
}
