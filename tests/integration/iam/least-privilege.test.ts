import { join } from 'node:path';
import { GetObjectTaggingCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { runKeys, SCRATCH_TAG } from '@seisless/core';
import { type LocalCloud, startLocalCloud } from '../../../scripts/local-cloud';
import { exampleSpec, runWorkflow, type WorkflowOutcome } from '../workflow/runWorkflow';
import { readAllowList, readUsage, staleAllowances, unexplainedGrants } from './leastPrivilege';

/** A small LS-RTM with the exact step: shots, reduction, line-search jobs, model update, report. */
const spec = exampleSpec('lsrtm-layered', (s) => {
  s.algorithm = { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'exact' } };
  s.acquisition = { ...(s.acquisition as object), sources: { count: 4, depthM: 20 } };
});
const RUN_ID = 'it-least-privilege';

describe('least privilege of the roles in the packaged templates', () => {
  let outcome: WorkflowOutcome;
  let usage: ReturnType<typeof readUsage>;

  beforeAll(async () => {
    outcome = await runWorkflow(spec, RUN_ID);
    // Read now: a later local cloud on the same data folder rewrites the usage file when it stops.
    usage = readUsage(join(outcome.dir, '.seisless'));
  }, 15 * 60_000);

  it('uses every action each role is granted, but for the commented allow-list', () => {
    expect(outcome.exitCode).toBe(0);

    const allowed = readAllowList(join(__dirname, 'allowed-unused-grants.yml'));
    expect(unexplainedGrants(usage, allowed)).toEqual([]);
    expect(staleAllowances(usage, allowed)).toEqual([]);
  });

  describe('the objects the run leaves behind', () => {
    let cloud: LocalCloud;
    let s3: S3Client;
    const keys = runKeys(RUN_ID);

    beforeAll(async () => {
      cloud = await startLocalCloud({ dataDir: join(outcome.dir, '.seisless'), log: () => undefined });
      const { env } = cloud;
      s3 = new S3Client({
        region: cloud.region,
        endpoint: cloud.endpoints.s3,
        forcePathStyle: true,
        credentials: {
          accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
        },
      });
    }, 120_000);

    afterAll(async () => {
      s3?.destroy();
      await cloud?.stop();
    });

    const bucket = () => `seisless-${cloud.stage}-data`;
    const list = async (prefix: string) =>
      ((await s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }))).Contents ?? []).map(
        (o) => o.Key ?? '',
      );
    const tags = async (Key: string) => {
      const tagSet = (await s3.send(new GetObjectTaggingCommand({ Bucket: bucket(), Key }))).TagSet ?? [];
      return Object.fromEntries(tagSet.map((t) => [t.Key, t.Value]));
    };
    const scratch = { [SCRATCH_TAG.key]: SCRATCH_TAG.value };

    it('tags per-shot gradients, accumulators and line-search scalars as scratch, for the lifecycle expiry', async () => {
      const scratchKeys = [
        ...(await list(keys.gradientsPrefix(1))),
        ...(await list(keys.accumulatorsPrefix(1))),
        ...(await list(keys.lineSearchPrefix(1, 0))),
      ];
      expect(scratchKeys.filter((k) => k.includes('/gradients/')).length).toBe(2);
      expect(scratchKeys.some((k) => k.includes('/accumulators/'))).toBe(true);
      expect(scratchKeys.some((k) => k.includes('/line-search/0/'))).toBe(true);

      for (const key of scratchKeys) expect({ key, tags: await tags(key) }).toEqual({ key, tags: scratch });
    });

    it('leaves the spec, state, models, full gradient, timings and report untagged', async () => {
      const kept = [keys.spec, keys.state, keys.model(1), keys.model(2), keys.fullGradient(1)];
      kept.push(...(await list(keys.timingsPrefix(1))), ...(await list(`${keys.root}/report/`)));

      for (const key of kept) expect({ key, tags: await tags(key) }).toEqual({ key, tags: {} });
    });
  });
});
