import type { EventTargetDef } from '../wiring/model';

/** One step of an InputPath: a field name or an array index. */
type Step = string | number;

/** `$`, `$.detail`, `$.detail.container.command[0]`: the JSONPath forms the local cloud reads. */
const INPUT_PATH = /^\$((\.[^.[\]]+)|(\[\d+\]))*$/;

/** The steps of an InputPath, or undefined when the local cloud does not read its form. */
export function inputPathSteps(path: string): Step[] | undefined {
  if (!INPUT_PATH.test(path)) return undefined;
  return [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map(([, name, index]) =>
    name !== undefined ? name : Number(index),
  );
}

function select(value: unknown, steps: Step[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * What a target receives for an event: the event itself, the constant `Input`, or the part of the
 * event `InputPath` selects (undefined when it selects nothing: then nothing is delivered).
 */
export function targetPayload(target: EventTargetDef, event: unknown): unknown {
  if (target.input !== undefined) return JSON.parse(target.input);
  if (target.inputPath === undefined) return event;
  return select(event, inputPathSteps(target.inputPath) ?? []);
}
