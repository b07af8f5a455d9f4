import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface State {
  readonly Type: string;
  readonly Resource?: string;
  readonly Retry?: readonly { readonly ErrorEquals: readonly string[] }[];
  readonly Branches?: readonly { readonly States: Readonly<Record<string, State>> }[];
}

const definition = parse(readFileSync(join(__dirname, '../../../state-machines/imaging.yml'), 'utf8')) as {
  readonly States: Readonly<Record<string, State>>;
};

/** Every Task state, also those inside Parallel branches, with the function it invokes. */
function tasks(states: Readonly<Record<string, State>>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]): [string, State][] => [
    ...(state.Type === 'Task' ? [[name, state] as [string, State]] : []),
    ...(state.Branches ?? []).flatMap((branch) => tasks(branch.States)),
  ]);
}

describe('the imaging state machine', () => {
  // The services' S3 adapter turns throttling and 5xx answers into TransientError: every task
  // must retry it, or an S3 SlowDown in any service would fail the run.
  it.each(tasks(definition.States))('retries a TransientError of %s', (_name, state) => {
    const retried = (state.Retry ?? []).flatMap((rule) => rule.ErrorEquals);

    expect(retried).toContain('TransientError');
  });
});
