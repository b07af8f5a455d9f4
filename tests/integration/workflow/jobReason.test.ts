import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { encodeFloat32Npy } from '@seisless/core';
import { processDeps } from '../../../scripts/cli/deps';
import { main } from '../../../scripts/cli/main';
import { repoRoot, runWorkflow, workflowDir } from './runWorkflow';

const RUN_ID = 'it-job-reason';
const RECEIVERS = 11;
const RECORDED_TRACES = 5;
const NT = 76;

/** Observed records the user uploaded with the wrong number of traces (5 where the spec has 11 receivers). */
const recordKey = (shot: number) => `uploads/${RUN_ID}/shot-${shot}.npy`;

/** A tiny RTM (41 × 31 grid, 2 shots) whose observed data are those records. */
const spec = {
  model: { preset: 'layered', shape: [41, 31], spacing: [10, 10] },
  background: { smoothingM: 40 },
  acquisition: {
    sources: { count: 2, depthM: 20 },
    receivers: { count: RECEIVERS, depthM: 20 },
    recordingTimeMs: 300,
    peakFrequencyHz: 10,
  },
  observed: { keyTemplate: `uploads/${RUN_ID}/shot-{shot}.npy` },
  algorithm: { kind: 'rtm' },
  compute: { vcpus: 1, memoryMiB: 1024, spaceOrder: 4, nbl: 10, retries: 2, timeoutS: 300 },
  reduction: { chunkSize: 4096 },
};

/** Puts the records (and their sidecars) into the local cloud's bucket, as a user would upload them. */
async function uploadRecords(dir: string): Promise<string> {
  const deps = processDeps(repoRoot, { dataDir: join(dir, '.seisless') });
  const session = await deps.connect({ aws: false, stage: 'local', region: undefined });
  try {
    const put = (Key: string, Body: Uint8Array) =>
      session.s3.send(new PutObjectCommand({ Bucket: session.bucket, Key, Body }));
    for (const shot of [0, 1]) {
      const record = { shape: [NT, RECORDED_TRACES], data: new Float32Array(NT * RECORDED_TRACES) };
      await put(recordKey(shot), encodeFloat32Npy(record));
      await put(recordKey(shot).replace(/\.npy$/, '.json'), Buffer.from(JSON.stringify({ dtMs: 4, nt: NT })));
    }
    return session.bucket;
  } finally {
    await session.stop();
  }
}

async function status(dir: string): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const deps = {
    ...processDeps(repoRoot, { dataDir: join(dir, '.seisless') }),
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => process.stderr.write(text),
    interactive: false,
  };
  const code = await main(['status', RUN_ID], deps);
  return { code, stdout: out.join('') };
}

describe("a job's reason travels: refused observed records, end to end on the local cloud with Devito", () => {
  it(
    'names each refused file in the run error, status and report, and status does not suggest resume',
    async () => {
      const dir = workflowDir(RUN_ID);
      const bucket = await uploadRecords(dir);
      const line = (shot: number) =>
        `s3://${bucket}/${recordKey(shot)}: ${RECORDED_TRACES} traces; expected ${RECEIVERS} traces, one per acquisition.receivers`;

      const outcome = await runWorkflow(spec, RUN_ID, { dir });
      const after = await status(dir);

      // seisless run: exit 1, one line naming both shots' reasons and what to fix
      expect(outcome.exitCode).toBe(1);
      const runError = outcome.stderr.split('\n').find((l) => l.startsWith('seisless: error: '));
      expect(runError).toMatch(new RegExp(`shot 0 \\(job [^)]+\\) bad-input: ${literal(line(0))}`));
      expect(runError).toMatch(new RegExp(`shot 1 \\(job [^)]+\\) bad-input: ${literal(line(1))}`));
      expect(runError).toContain(`to fix: s3://${bucket}/${recordKey(0)}, s3://${bucket}/${recordKey(1)}`);
      expect(runError).not.toContain('Essential container');
      // status: one line per failed shot, no resume
      expect(after.code).toBe(0);
      expect(after.stdout).toMatch(
        new RegExp(`\\n    shot 0 \\(job [^)]+, bad input\\): ${literal(line(0))}\\n`),
      );
      expect(after.stdout).toMatch(
        new RegExp(`\\n    shot 1 \\(job [^)]+, bad input\\): ${literal(line(1))}\\n`),
      );
      expect(after.stdout).not.toContain('seisless resume');
      // the report: its failed shots
      const report = outcome.report as typeof outcome.report & {
        failed_shots?: { shot: number | null; kind: string; reason: string }[];
      };
      expect(report.failed_shots?.map((f) => [f.shot, f.kind, f.reason])).toEqual([
        [0, 'bad-input', line(0)],
        [1, 'bad-input', line(1)],
      ]);
    },
    10 * 60_000,
  );
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
