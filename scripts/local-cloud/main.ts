/**
 * `npm run cloud`: starts the local cloud in the foreground, prints ONE JSON line with what a
 * client needs (endpoints, region, credentials, data folder) and serves until SIGINT or SIGTERM.
 * Packaging progress and the resource types it does not emulate go to stderr first.
 *
 * Options (flags, or the environment; `--help` lists them): --data-dir (SEISLESS_DATA_DIR),
 * --cache-dir (SEISLESS_CACHE_DIR), --stage (SEISLESS_STAGE),
 * --service <dir> (repeatable), --state-machines <dir>, --max-vcpus (SEISLESS_MAX_VCPUS),
 * --faults '<json>' (SEISLESS_FAULTS), --faults-file <path> (SEISLESS_FAULTS_FILE, re-read on change),
 * --iam off (SEISLESS_IAM=off; debugging only: every call is allowed, so what passes may fail on AWS).
 * Each is checked before anything starts; a bad one is one line naming it, exit 2. SIGINT or
 * SIGTERM stops everything (child servers, Lambda environments, Batch job groups), exit 0.
 */
import { unwatchFile, watchFile } from 'node:fs';
import { UsageError } from '../cli/usageError';
import { type LocalCloud, startLocalCloud } from './localCloud';
import { CLOUD_USAGE, parseCloudCommandLine, readFaultsFile } from './options';

const FAULTS_POLL_MS = 500;

/** Exit codes: a requested stop (SIGINT, SIGTERM) is a success, as the local cloud did its job. */
const EXIT = { stopped: 0, failed: 1, usage: 2 } as const;

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

/**
 * Signal handlers go in before anything starts, so a Ctrl-C at any moment (even while the
 * servers start) ends in the same orderly stop and never in the signal's default action.
 */
function onStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve('SIGINT'));
    process.on('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(): Promise<void> {
  const commandLine = parseCloudCommandLine(process.argv.slice(2), process.env);
  if (commandLine === 'help') {
    process.stdout.write(CLOUD_USAGE);
    return;
  }
  const stopSignal = onStopSignal();
  const { options, faultsFile } = commandLine;
  const cloud = await startLocalCloud(options);
  const unwatch = faultsFile ? watchFaults(cloud, faultsFile) : () => undefined;
  process.stdout.write(`${JSON.stringify({ ...cloud.env, dataDir: cloud.dataDir })}\n`);
  const signal = await stopSignal;
  process.stderr.write(`local cloud: ${signal}, stopping\n`);
  if (Object.values(cloud.injectedFaults).some((count) => count > 0))
    process.stderr.write(`local cloud: faults injected: ${JSON.stringify(cloud.injectedFaults)}\n`);
  unwatch();
  try {
    await cloud.stop();
  } catch (error) {
    process.stderr.write(`local cloud: stop failed: ${(error as Error).message}\n`);
    process.exit(EXIT.failed);
  }
  process.exit(EXIT.stopped);
}

main().catch((error: Error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`local cloud: usage error: ${error.message} (npm run cloud -- --help)\n`);
    process.exit(EXIT.usage);
  }
  process.stderr.write(`local cloud: ${error.message}\n`);
  process.exit(EXIT.failed);
});
