import type { IamGate } from '../../iam/gate';
import type { SfnRunner } from '../runner';
import type { SfnStore } from '../store';

/** What every Step Functions action works with. */
export interface SfnContext {
  store: SfnStore;
  runner: SfnRunner;
  /** Authorises every call (absent: all allowed). */
  iam?: IamGate;
}

export type SfnAction = (input: Record<string, unknown>, ctx: SfnContext) => Record<string, unknown>;
