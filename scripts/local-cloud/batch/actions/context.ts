import type { BatchService } from '../service';
import type { BatchStore } from '../store';

export interface BatchContext {
  store: BatchStore;
  service: BatchService;
  region: string;
  accountId: string;
}

export type BatchAction = (input: Record<string, unknown>, ctx: BatchContext) => Record<string, unknown>;
