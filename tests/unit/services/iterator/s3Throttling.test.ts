import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { TransientError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';
import { iteratorPorts } from '../../../../services/iterator/src/ports';
import { selectBatch } from '../../../../services/iterator/src/selectBatch';

const s3 = mockClient(S3Client);
const slowDown = () =>
  new S3ServiceException({
    name: 'SlowDown',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
    message: 'Please reduce your request rate.',
  });

afterAll(() => s3.restore());

describe("the iterator's storage", () => {
  it('surfaces an S3 SlowDown as a TransientError, which the state machine retries', async () => {
    s3.on(GetObjectCommand).rejects(slowDown());
    const { store } = iteratorPorts({ SEISLESS_BUCKET: 'seisless-test-data' });

    const selecting = selectBatch({ runId: 'demo', iteration: 1 }, { store });

    await expect(selecting).rejects.toThrow(TransientError);
    await expect(selecting).rejects.toThrow(
      /^s3:\/\/seisless-test-data\/runs\/demo\/spec.json: GetObject failed with SlowDown/,
    );
  });
});
