import {
  decodeFloat32Npy,
  encodeFloat32Npy,
  type Float32Npy,
  InputError,
  type ObjectStore,
} from '@seisless/core';
import type { CliDeps } from '../../../scripts/cli/deps';
import type { CloudSession } from '../../../scripts/cli/session';

/** An in-memory ObjectStore; `objects` holds JSON values and encoded .npy bytes by key. */
export function memoryStore(
  objects = new Map<string, unknown>(),
): ObjectStore & { objects: Map<string, unknown> } {
  const get = (key: string) => {
    if (!objects.has(key)) throw new InputError(`memory://${key}: no such object`);
    return objects.get(key);
  };
  return {
    objects,
    getJson: async <T>(key: string) => structuredClone(get(key)) as T,
    getJsonOrUndefined: async <T>(key: string) =>
      objects.has(key) ? (structuredClone(objects.get(key)) as T) : undefined,
    putJson: async (key, value) => {
      objects.set(key, structuredClone(value));
    },
    getNpy: async (key) => decodeFloat32Npy(get(key) as Uint8Array, key),
    putNpy: async (key: string, array: Float32Npy) => {
      objects.set(key, encodeFloat32Npy(array));
    },
    exists: async (key) => objects.has(key),
    list: async (prefix) =>
      [...objects.keys()]
        .filter((k) => k.startsWith(prefix))
        .map((key) => ({ key, size: 0, lastModified: 0 })),
  };
}

type Handler = (input: Record<string, unknown>) => unknown;

/** A fake session whose SFN and S3 clients answer commands by their class name. */
export function fakeSession(
  options: { store?: ObjectStore; sfn?: Record<string, Handler>; s3?: Record<string, Handler> } = {},
) {
  const sent: { client: string; command: string; input: Record<string, unknown> }[] = [];
  const client = (name: string, handlers: Record<string, Handler>) => ({
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ client: name, command: command.constructor.name, input: command.input });
      const handler = handlers[command.constructor.name];
      if (handler === undefined) throw new Error(`fake ${name}: no handler for ${command.constructor.name}`);
      return handler(command.input);
    },
  });
  let stopped = false;
  const session = {
    kind: 'local',
    stage: 'local',
    bucket: 'seisless-local-data',
    s3: client('s3', {
      PutObjectCommand: () => ({}),
      HeadObjectCommand: () => ({ Metadata: {} }),
      ...options.s3,
    }),
    // A cloud with no executions unless the test says otherwise.
    sfn: client('sfn', {
      ListExecutionsCommand: () => ({ executions: [] }),
      GetExecutionHistoryCommand: () => ({ events: [] }),
      ...options.sfn,
    }),
    store: options.store ?? memoryStore(),
    pollSeconds: 0,
    stateMachineArn: async () =>
      'arn:aws:states:us-east-1:000000000000:stateMachine:seisless-iterator-local-imaging',
    jobSlotVcpus: () => 2,
    lambdaInvocations: () => undefined,
    stop: async () => {
      stopped = true;
    },
  } as unknown as CloudSession;
  return { session, sent, isStopped: () => stopped };
}

/** Fake CLI dependencies capturing stdout and stderr. */
export function fakeDeps(session?: CloudSession, overrides: Partial<CliDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const connects: unknown[] = [];
  const deps: CliDeps = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    interactive: false,
    cwd: process.cwd(),
    repoRoot: process.cwd(),
    dataDir: '/tmp/seisless-unit-tests',
    now: () => new Date('2025-03-04T05:06:07Z'),
    sleep: async () => {},
    connect: async (target, opts) => {
      connects.push({ target, opts });
      if (session === undefined) throw new Error('no session in this test');
      return session;
    },
    ...overrides,
  };
  return { deps, stdout: () => out.join(''), stderr: () => err.join(''), connects };
}
