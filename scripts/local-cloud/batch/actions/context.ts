import type { IamGate } from '../../iam/gate';
import type { BatchService } from '../service';
import type { BatchStore } from '../store';

export interface BatchContext {
  store: BatchStore;
  service: BatchService;
  region: string;
  accountId: string;
  /** Authorises every call (absent: all allowed). */
  iam?: IamGate;
}

export type BatchAction = (input: Record<string, unknown>, ctx: BatchContext) => Record<string, unknown>;
