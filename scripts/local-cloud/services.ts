import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Backends, startBackends } from './backends';
import { batchRouter } from './batch/router';
import { BatchService } from './batch/service';
import { BatchStore } from './batch/store';
import { clientEnvironment, type Endpoints, LOCAL_CREDENTIALS } from './env';
import { batchStateChanges } from './events/batchStateChanges';
import { ASYNC_RETRIES, EventBus } from './events/eventBus';
import { eventTargetAuthorizer } from './events/targetPermission';
import { Faults } from './faults';
import { LocalIam } from './iam/localIam';
import { LambdaService } from './lambda/service';
import { LOCAL_ACCOUNT_ID, type LocalCloud } from './localCloud';
import type { ResolvedOptions } from './options';
import { RequestCounter } from './requestCounts';
import { S3Notifier } from './s3/notifier';
import { sfnRouter } from './sfn/router';
import { SfnRunner } from './sfn/runner';
import { SfnStore } from './sfn/store';
import { SqsEventSource } from './sqs/eventSource';
import { createQueues } from './sqs/queues';
import type { Wiring } from './wiring/model';

async function stopBackends(backends: Backends): Promise<void> {
  await Promise.all([backends.sfn.close(), backends.batch.close()]);
  await Promise.all([backends.s3.stop(), backends.sqs.stop()]);
}

interface Engines {
  backends: Backends;
  sfnStore: SfnStore;
  runner: SfnRunner;
  iam: LocalIam;
  /** S3 events go to this notifier once it exists. */
  attachNotifier(notifier: S3Notifier): void;
}

/** Starts the backends and, while they boot, loads and validates the state machines. */
async function startEngines(
  config: ResolvedOptions,
  wiring: Wiring,
  lambda: () => LambdaService,
  iam: LocalIam,
  requests: RequestCounter,
): Promise<Engines> {
  let notifier: S3Notifier | undefined;
  const starting = startBackends(config, wiring, (event) => notifier?.handle(event), iam, requests);
  const sfnStore = new SfnStore(wiring.stateMachines);
  const timeouts = new Map(wiring.functions.map((fn) => [fn.name, fn.timeoutS]));
  const runner = await SfnRunner.create(sfnStore, {
    invoke: (name, event) => lambda().invoke(name, event),
    has: (name) => lambda().has(name),
    timeoutOf: (name) => timeouts.get(name),
    authorizeInvoke: (machine, execution, name) => iam.authorizeInvoke(machine, execution, name),
  }).catch(async (error: unknown) => {
    await starting.then(stopBackends, () => undefined);
    throw error;
  });
  const backends = await starting;
  return { backends, sfnStore, runner, iam, attachNotifier: (created) => (notifier = created) };
}

function endpointsOf(backends: Backends): Endpoints {
  return {
    s3: `http://127.0.0.1:${backends.s3.port}`,
    sqs: `http://127.0.0.1:${backends.sqs.port}`,
    sfn: backends.sfn.url,
    batch: backends.batch.url,
  };
}

interface Running {
  functions: LambdaService;
  batch: BatchService;
  events: EventBus;
  sources: SqsEventSource[];
  notifier: S3Notifier;
  client: SQSClient;
  queueUrls: Map<string, string>;
}

/** The event sources: one poller per SQS mapping, one notifier for every S3 subscription. */
async function startEventSources(
  config: ResolvedOptions,
  wiring: Wiring,
  faults: Faults,
  functions: LambdaService,
  endpoints: Endpoints,
) {
  const { region } = config;
  const invoke = (name: string, event: unknown) => functions.invoke(name, event);
  const client = new SQSClient({ endpoint: endpoints.sqs, region, credentials: LOCAL_CREDENTIALS });
  const queueUrls = await createQueues(client, wiring.queues);
  const sources = wiring.sqsMappings.map((mapping) => {
    const queueUrl =
      queueUrls.get(mapping.queueName) ?? `${endpoints.sqs}/${LOCAL_ACCOUNT_ID}/${mapping.queueName}`;
    return new SqsEventSource(mapping, {
      client,
      queueUrl,
      region,
      faults,
      invoke,
      log: config.log,
      idleWaitS: config.sqsIdleWaitS,
    });
  });
  for (const source of sources) source.start();
  const notifier = new S3Notifier({
    subscriptions: wiring.s3Subscriptions,
    region,
    faults,
    invoke,
    log: config.log,
    retryDelaysMs: config.asyncRetryDelaysMs,
  });
  return { client, queueUrls, sources, notifier };
}

/** The default EventBridge bus, delivering to functions as asynchronous invocations. */
function startEventBus(config: ResolvedOptions, wiring: Wiring, functions: LambdaService, iam: LocalIam) {
  return EventBus.start({
    rules: wiring.eventRules,
    invoke: (name, event) => functions.invoke(name, event),
    authorize: eventTargetAuthorizer(iam.gate, LOCAL_ACCOUNT_ID),
    retriesOf: (name) => functions.get(name)?.asyncConfig?.maximumRetryAttempts ?? ASYNC_RETRIES,
    retryDelaysMs: config.asyncRetryDelaysMs,
    log: config.log,
  });
}

/** Lambda, Step Functions and Batch wired to the backends, then the event sources. */
async function wire(
  config: ResolvedOptions,
  wiring: Wiring,
  engines: Engines,
  faults: Faults,
  env: Record<string, string>,
) {
  const { region, dataDir, cacheDir, lambdaMaxConcurrency: maxConcurrency } = config;
  const accountId = LOCAL_ACCOUNT_ID;
  const functions = new LambdaService(wiring.functions, {
    dataDir,
    cacheDir,
    region,
    accountId,
    env,
    faults,
    maxConcurrency,
    credentialsFor: (roleArn, session) => engines.iam.credentialsFor(roleArn, session),
  });
  const { iam } = engines;
  engines.backends.sfn.bind(sfnRouter({ store: engines.sfnStore, runner: engines.runner, iam: iam.gate }));
  const events = await startEventBus(config, wiring, functions, iam);
  const store = new BatchStore(wiring.jobQueues, wiring.jobDefinitions, wiring.computeEnvironments);
  const batch = new BatchService(store, {
    dataDir,
    env,
    faults,
    maxVcpus: config.maxVcpus,
    killGraceMs: config.killGraceMs,
    log: config.log,
    credentialsFor: (roleArn, session) => iam.credentialsFor(roleArn, session),
    onStatusChange: batchStateChanges(events, store, { region, accountId, log: config.log }),
  });
  engines.backends.batch.bind(batchRouter({ store, service: batch, region, accountId, iam: iam.gate }));
  const permitted = await iam.permittedEventSources(config.log);
  const sources = await startEventSources(
    config,
    permitted,
    faults,
    functions,
    endpointsOf(engines.backends),
  );
  engines.attachNotifier(sources.notifier);
  return { functions, batch, events, ...sources };
}

async function stopAll(engines: Engines, running: Running): Promise<void> {
  running.notifier.stop();
  running.events.stop();
  await Promise.all(running.sources.map((source) => source.stop()));
  await engines.sfnStore.abortAll();
  await running.batch.stop();
  await running.functions.stop();
  running.client.destroy();
  await stopBackends(engines.backends);
}

/** Wires every service of the local cloud together (see startLocalCloud). */
export async function startServices(config: ResolvedOptions, wiring: Wiring): Promise<LocalCloud> {
  const faults = new Faults(config.faults);
  let functions: LambdaService | undefined;
  const iam = new LocalIam(wiring, config.iam === 'on', config.log);
  const requests = new RequestCounter();
  const engines = await startEngines(config, wiring, () => functions as LambdaService, iam, requests);
  const endpoints = endpointsOf(engines.backends);
  const env = clientEnvironment(endpoints, config.region);
  const running = await wire(config, wiring, engines, faults, env).catch(async (error: unknown) => {
    await stopBackends(engines.backends);
    throw error;
  });
  functions = running.functions;
  const prewarmed = config.prewarmFunctions
    ? running.functions.prewarm().catch((error: unknown) => {
        config.log(`lambda prewarm: ${String(error)}`);
        return [];
      })
    : Promise.resolve([]);
  let stopping: Promise<void> | undefined;
  return {
    endpoints,
    env,
    region: config.region,
    stage: config.stage,
    dataDir: config.dataDir,
    wiring,
    queueUrls: running.queueUrls,
    invokeFunction: (name, event) => running.functions.invoke(name, event),
    get faults() {
      return faults.config;
    },
    get injectedFaults() {
      return faults.injected;
    },
    setFaults: (next) => faults.set(next),
    resetFaults: (next) => faults.reset(next),
    notificationsIdle: () => running.notifier.idle(),
    eventsIdle: () => running.events.idle(),
    requestCounts: () => requests.counts(),
    prewarmed,
    iamUsage: () => iam.usageReport(),
    writeIamUsage: (file) => iam.writeUsage(file),
    stop: () => {
      stopping ??= stopAll(engines, running).then(() =>
        iam.writeUsage(join(config.dataDir, 'iam-usage.json')),
      );
      return stopping;
    },
  };
}
