import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { TransientError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';
import { storePorts } from '../../../../services/gradient-reducer/src/ports';
import { reductionStatus } from '../../../../services/gradient-reducer/src/reductionStatus';

const s3 = mockClient(S3Client);
const slowDown = () =>
  new S3ServiceException({
    name: 'SlowDown',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
    message: 'Please reduce your request rate.',
  });

afterAll(() => s3.restore());

describe("the reducer's storage", () => {
  it('surfaces an S3 SlowDown as a TransientError, which the state machine retries', async () => {
    s3.on(HeadObjectCommand).rejects(slowDown());
    s3.on(GetObjectCommand).rejects(slowDown());
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false });
    const deps = storePorts({ SEISLESS_BUCKET: 'seisless-test-data' });

    const status = reductionStatus({ runId: 'demo', iteration: 1, shots: [0, 1], chunkCount: 1 }, deps);

    await expect(status).rejects.toThrow(TransientError);
    await expect(status).rejects.toThrow(
      // The task file and the accumulators are read at once: either throttled read fails it.
      /^s3:\/\/seisless-test-data\/runs\/demo\/iterations\/1\/(accumulators\/chunk-0.npy: HeadObject|tasks\/gradient.json: GetObject) failed with SlowDown/,
    );
  });
});
