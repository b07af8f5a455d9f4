import { setTimeout as sleep } from 'node:timers/promises';
import type { InvokeResult } from '../lambda/service';
import type { EventRuleDef, EventTargetDef } from '../wiring/model';
import type { BusEvent } from './batchJobEvent';
import { compilePattern, type EventMatcher } from './eventPattern';
import { targetPayload } from './targetInput';

/** Lambda retries a failed asynchronous invocation twice unless its EventInvokeConfig says fewer. */
export const ASYNC_RETRIES = 2;

export interface EventBusDeps {
  rules: EventRuleDef[];
  /** Invokes a function through the local Lambda service (failures returned, not thrown). */
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  /** Whether EventBridge may invoke a rule's target: undefined, or why not (logged once, at start). */
  authorize: (rule: EventRuleDef, target: EventTargetDef) => Promise<string | undefined>;
  /** Retries of a failed asynchronous invocation of the function (0 to 2). */
  retriesOf: (functionName: string) => number;
  /** Waits before the first and second retry (Lambda's are minutes; the local cloud's are short). */
  retryDelaysMs: number[];
  log: (line: string) => void;
}

interface Route {
  rule: EventRuleDef;
  matches: EventMatcher;
  /** The targets EventBridge may invoke (their function's resource policy allows the rule). */
  targets: EventTargetDef[];
}

/**
 * The account's default event bus: an event put on it goes, after the caller has moved on, to the
 * Lambda targets of every ENABLED rule whose pattern matches, each as an asynchronous ("Event")
 * invocation with Lambda's retries on a function error, then logged and dropped.
 */
export class EventBus {
  private readonly pending = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  private constructor(
    private readonly routes: Route[],
    private readonly deps: EventBusDeps,
  ) {}

  /** Compiles the ENABLED rules and decides, once, which targets EventBridge may invoke. */
  static async start(deps: EventBusDeps): Promise<EventBus> {
    const enabled = deps.rules.filter((rule) => rule.state !== 'DISABLED');
    const routes = await Promise.all(
      enabled.map(async (rule): Promise<Route> => {
        const refusals = await Promise.all(rule.targets.map((target) => deps.authorize(rule, target)));
        rule.targets.forEach((target, index) => {
          const refusal = refusals[index];
          if (refusal !== undefined)
            deps.log(`events: rule ${rule.name} does not invoke ${target.functionName}: ${refusal}`);
        });
        return {
          rule,
          matches: compilePattern(rule.pattern, `rule ${rule.name}`),
          targets: rule.targets.filter((_, index) => refusals[index] === undefined),
        };
      }),
    );
    return new EventBus(
      routes.filter((route) => route.targets.length > 0),
      deps,
    );
  }

  /** Whether an event could reach any target (else a publisher need not build it). */
  get listening(): boolean {
    return this.routes.length > 0 && !this.abort.signal.aborted;
  }

  /** Takes an event (already a copy); matching and delivery happen later and never throw here. */
  put(event: BusEvent): void {
    if (!this.listening) return;
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.route(event))
      .catch((error: unknown) => this.deps.log(`events: event ${event.id} not routed: ${String(error)}`))
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  private async route(event: BusEvent): Promise<void> {
    const deliveries: Promise<void>[] = [];
    for (const route of this.routes) {
      if (!route.matches(event)) continue;
      for (const target of route.targets) deliveries.push(this.deliver(route.rule, target, event));
    }
    await Promise.all(deliveries);
  }

  private async deliver(rule: EventRuleDef, target: EventTargetDef, event: BusEvent): Promise<void> {
    const where = `events: rule ${rule.name} → ${target.functionName}: event ${event.id}`;
    try {
      const payload = targetPayload(target, event);
      if (payload === undefined) {
        this.deps.log(`${where} not delivered: InputPath ${target.inputPath} selects nothing`);
        return;
      }
      const retries = Math.min(this.deps.retriesOf(target.functionName), ASYNC_RETRIES);
      for (let attempt = 0; !this.abort.signal.aborted; attempt += 1) {
        const result = await this.deps.invoke(target.functionName, payload);
        if (result.ok) return;
        if (attempt >= retries) {
          this.deps.log(`${where} dropped after ${attempt + 1} attempts: ${result.error.errorType}`);
          return;
        }
        const delays = this.deps.retryDelaysMs;
        await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 0, undefined, {
          signal: this.abort.signal,
        });
      }
    } catch (error) {
      if (!this.abort.signal.aborted) this.deps.log(`${where} not delivered: ${String(error)}`);
    }
  }

  /** Resolves when no event is waiting to be routed or being delivered (retries included). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Takes no more events; deliveries waiting for a retry give up. */
  stop(): void {
    this.abort.abort();
  }
}
