/**
 * `$$.Task.Token` of one execution.
 *
 * aws-local-stepfunctions knows no task tokens, but it evaluates a state's Parameters synchronously
 * and then, with no `await` in between, calls our Task handler (StateExecutor.execute →
 * executeTaskState → TaskStateAction.execute → overrideFn). It copies the context object we pass to
 * `run()` shallowly, so `Task` below stays this object and its getter is live. The first read of
 * `$$.Task.Token` in an evaluation mints a token, further reads in the same evaluation return the
 * same one, and the handler called right after takes it (`take`): a fresh token per entry of the
 * state, in Map iterations and Parallel branches and on Retry too. A token nobody takes (a Pass
 * state reading `$$.Task.Token`) is dropped at the end of the current synchronous run (a microtask),
 * so it can never reach a later state's handler; it was never registered, so it is not valid.
 */
export class TokenSlot {
  private pending: string | undefined;

  constructor(private readonly mint: () => string) {}

  /** The `Task` entry of the context object. */
  context(): { readonly Token: string } {
    const slot = this;
    return {
      get Token() {
        return slot.read();
      },
    };
  }

  /** The token of the Parameters being evaluated now (minted on first read). */
  read(): string {
    if (this.pending === undefined) {
      const token = this.mint();
      this.pending = token;
      queueMicrotask(() => {
        if (this.pending === token) this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Takes the token the Parameters just evaluated used, if they used one. */
  take(): string | undefined {
    const token = this.pending;
    this.pending = undefined;
    return token;
  }
}
