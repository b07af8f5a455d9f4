import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { buildNpyHeader, runKeys } from '@seisless/core';
import { findStateMachineArn } from '../../../scripts/cli/findStateMachine';
import { type LocalCloud, startLocalCloud } from '../../../scripts/local-cloud';
import { lsrtmSpec } from '../../support/runSpecs';
import { waitFor } from '../local-cloud/support/cloud';

const ROOT = resolve(__dirname, '..', '..', '..');

jest.setTimeout(180_000);

/**
 * The S3-started path on the packaged services with IAM enforced: a spec put at
 * `runs/<runId>/spec.json` that the pre-submission checks refuse starts no execution, and the
 * run's state records the one line (what `seisless status` shows).
 */
describe('a run spec dropped in the bucket that the pre-submission checks refuse', () => {
  let cloud: LocalCloud;
  let s3: S3Client;
  let sfn: SFNClient;
  const dataDir = mkdtempSync(join(tmpdir(), 'seisless-s3-refusal-'));

  beforeAll(async () => {
    cloud = await startLocalCloud({
      dataDir,
      cacheDir: join(ROOT, '.seisless', 'cache'),
      prewarmFunctions: false,
      log: () => undefined,
    });
    const credentials = {
      accessKeyId: cloud.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: cloud.env.AWS_SECRET_ACCESS_KEY ?? '',
    };
    sfn = new SFNClient({ region: cloud.region, endpoint: cloud.endpoints.sfn, credentials });
    s3 = new S3Client({
      region: cloud.region,
      endpoint: cloud.endpoints.s3,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      credentials,
    });
  }, 180_000);

  afterAll(async () => {
    s3?.destroy();
    sfn?.destroy();
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The run state, once the S3-started function has written it. */
  async function readState(Bucket: string, Key: string) {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
      return JSON.parse((await object.Body?.transformToString()) ?? 'null') as {
        status: string;
        error?: { Error: string; Cause: string };
      };
    } catch {
      return undefined;
    }
  }

  it('records the refusal in the run state and starts nothing', async () => {
    const keys = runKeys('dispersive');
    const spec = lsrtmSpec({ acquisition: { ...lsrtmSpec().acquisition, peakFrequencyHz: 250 } });
    const Bucket = `seisless-${cloud.stage}-data`;

    await s3.send(new PutObjectCommand({ Bucket, Key: keys.spec, Body: JSON.stringify(spec) }));
    const state = await waitFor('the run state', () => readState(Bucket, keys.state), 60_000);

    expect(state.status).toBe('FAILED');
    expect(state.error?.Error).toBe('ValidationError');
    const machine = await findStateMachineArn(sfn, `seisless-iterator-${cloud.stage}-imaging`, 'here');
    const executions = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine }));
    expect(executions.executions ?? []).toEqual([]);
    expect(state.error?.Cause).toMatch(
      /^runs\/dispersive\/spec\.json cannot run: acquisition\.peakFrequencyHz: 250 Hz gives 0\.24 grid points per shortest wavelength .*expected at least 2\.7 for space order 8 \(recommended 3\.5\)/,
    );
  });

  it('reads the model object the spec names through the iterator role, refusing one of the wrong shape', async () => {
    const keys = runKeys('wrong-shape');
    const Bucket = `seisless-${cloud.stage}-data`;
    const model = Buffer.concat([buildNpyHeader([41, 31]), Buffer.alloc(41 * 31 * 4)]);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'models/vp.npy', Body: model }));
    const spec = lsrtmSpec({ model: { key: 'models/vp.npy', shape: [101, 51], spacing: [10, 10] } });

    await s3.send(new PutObjectCommand({ Bucket, Key: keys.spec, Body: JSON.stringify(spec) }));
    const state = await waitFor('the run state', () => readState(Bucket, keys.state), 60_000);

    expect(state.status).toBe('FAILED');
    expect(state.error?.Cause).toBe(
      `runs/wrong-shape/spec.json cannot run: model.key: s3://${Bucket}/models/vp.npy: shape [41,31]; expected [101,51] (model.shape)`,
    );
  });
});
