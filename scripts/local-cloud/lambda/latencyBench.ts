/**
 * `node --import tsx scripts/local-cloud/lambda/latencyBench.ts`: cold start and warm invocation
 * latency of a no-op function packaged as a zip, through the local cloud's Lambda service (as the
 * event sources and the state machine call it). Prints one JSON line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { Faults } from '../faults';
import type { FunctionDef } from '../wiring/model';
import { LambdaService } from './service';

const COLD_STARTS = 5;
const WARM_INVOCATIONS = 200;

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
};
const ms = (value: number): number => Number(value.toFixed(3));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seisless-lambda-latency-'));
  const artifact = join(dir, 'noop.zip');
  writeFileSync(
    artifact,
    zipSync({ 'src/handlers/noop.js': strToU8('exports.handler = async () => null;\n') }),
  );
  const fn: FunctionDef = {
    ...{ name: 'noop', arn: 'arn:aws:lambda:us-east-1:000000000000:function:noop', key: 'noop' },
    ...{ service: 'bench', serviceDir: dir, handler: 'src/handlers/noop.handler', runtime: 'nodejs22.x' },
    ...{
      artifact,
      roleArn: 'arn:aws:iam::000000000000:role/noop',
      timeoutS: 10,
      memoryMb: 512,
      architecture: 'x86_64',
      environment: {},
    },
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let start = 0; start < COLD_STARTS; start += 1) {
    const lambda = new LambdaService([fn], {
      ...{ dataDir: dir, cacheDir: join(dir, 'cache'), region: 'us-east-1', accountId: '000000000000' },
      ...{ env: {}, faults: new Faults(), maxConcurrency: 10 },
    });
    let began = performance.now();
    const result = await lambda.invoke('noop', {});
    cold.push(performance.now() - began);
    if (!result.ok) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
    for (let call = 0; call < WARM_INVOCATIONS; call += 1) {
      began = performance.now();
      await lambda.invoke('noop', {});
      warm.push(performance.now() - began);
    }
    await lambda.stop();
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      host_node: process.version,
      cold_ms: cold.map(ms),
      cold_median_ms: ms(quantile(cold, 0.5)),
      warm_median_ms: ms(quantile(warm, 0.5)),
      warm_p95_ms: ms(quantile(warm, 0.95)),
    }),
  );
}

void main();
