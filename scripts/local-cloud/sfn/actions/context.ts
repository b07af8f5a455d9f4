import type { SfnRunner } from '../runner';
import type { SfnStore } from '../store';

/** What every Step Functions action works with. */
export interface SfnContext {
  store: SfnStore;
  runner: SfnRunner;
}

export type SfnAction = (input: Record<string, unknown>, ctx: SfnContext) => Record<string, unknown>;
