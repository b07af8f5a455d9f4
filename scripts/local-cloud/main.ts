/**
 * `npm run cloud`: starts the local cloud in the foreground, prints ONE JSON line with what a
 * client needs (endpoints, region, credentials, data folder) and serves until SIGINT or SIGTERM.
 * Packaging progress and the resource types it does not emulate go to stderr first.
 *
 * Options (flags, or the environment): --data-dir (SEISLESS_DATA_DIR), --stage (SEISLESS_STAGE),
 * --service <dir> (repeatable), --state-machines <dir>, --max-vcpus (SEISLESS_MAX_VCPUS),
 * --faults '<json>' (SEISLESS_FAULTS), --faults-file <path> (SEISLESS_FAULTS_FILE, re-read on change),
 * --iam off (SEISLESS_IAM=off; debugging only: every call is allowed, so what passes may fail on AWS).
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { parseArgs } from 'node:util';
import { type FaultConfig, validateFaults } from './faults';
import { type LocalCloud, startLocalCloud } from './localCloud';

const FAULTS_POLL_MS = 500;

function readFaultsFile(path: string): Partial<FaultConfig> {
  return validateFaults(JSON.parse(readFileSync(path, 'utf8')), path);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      stage: { type: 'string' },
      service: { type: 'string', multiple: true },
      'state-machines': { type: 'string' },
      'max-vcpus': { type: 'string' },
      faults: { type: 'string' },
      'faults-file': { type: 'string' },
      iam: { type: 'string' },
    },
  });
  const env = process.env;
  const faultsJson = values.faults ?? env.SEISLESS_FAULTS;
  const faultsFile = values['faults-file'] ?? env.SEISLESS_FAULTS_FILE;
  const maxVcpus = values['max-vcpus'] ?? env.SEISLESS_MAX_VCPUS;
  const iam = values.iam ?? env.SEISLESS_IAM ?? 'on';
  if (iam !== 'on' && iam !== 'off') throw new Error(`--iam must be 'on' or 'off', got '${iam}'`);
  const faults = {
    ...(faultsJson ? validateFaults(JSON.parse(faultsJson), 'faults') : {}),
    ...(faultsFile ? readFaultsFile(faultsFile) : {}),
  };
  return {
    options: {
      dataDir: values['data-dir'] ?? env.SEISLESS_DATA_DIR,
      stage: values.stage ?? env.SEISLESS_STAGE,
      serviceDirs: values.service,
      stateMachineDir: values['state-machines'],
      maxVcpus: maxVcpus === undefined ? undefined : Number(maxVcpus),
      faults,
      iam: iam as 'on' | 'off',
    },
    faultsFile,
  };
}

function watchFaults(cloud: LocalCloud, path: string): () => void {
  watchFile(path, { interval: FAULTS_POLL_MS }, () => {
    try {
      cloud.resetFaults(readFaultsFile(path));
      process.stderr.write(`local cloud: faults from ${path}: ${JSON.stringify(cloud.faults)}\n`);
    } catch (error) {
      process.stderr.write(`local cloud: ${(error as Error).message}\n`);
    }
  });
  return () => unwatchFile(path);
}

async function main(): Promise<void> {
  const { options, faultsFile } = parseOptions();
  const cloud = await startLocalCloud(options);
  const unwatch = faultsFile ? watchFaults(cloud, faultsFile) : () => undefined;
  process.stdout.write(`${JSON.stringify({ ...cloud.env, dataDir: cloud.dataDir })}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`local cloud: ${signal}, stopping\n`);
    if (Object.values(cloud.injectedFaults).some((count) => count > 0))
      process.stderr.write(`local cloud: faults injected: ${JSON.stringify(cloud.injectedFaults)}\n`);
    unwatch();
    cloud.stop().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`local cloud: stop failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`local cloud: ${error.message}\n`);
  process.exit(1);
});
