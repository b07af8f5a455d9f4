import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { TransientError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';
import { stepPorts } from '../../../../services/line-search/src/ports';
import { chooseStep } from '../../../../services/line-search/src/step';

const s3 = mockClient(S3Client);
const slowDown = () =>
  new S3ServiceException({
    name: 'SlowDown',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
    message: 'Please reduce your request rate.',
  });

afterAll(() => s3.restore());

describe("the line search's storage", () => {
  it('surfaces an S3 SlowDown as a TransientError, which the state machine retries', async () => {
    s3.on(GetObjectCommand).rejects(slowDown());
    const deps = stepPorts({ SEISLESS_BUCKET: 'seisless-test-data' });

    const choosing = chooseStep({ runId: 'demo', iteration: 1 }, deps);

    await expect(choosing).rejects.toThrow(TransientError);
    await expect(choosing).rejects.toThrow(
      /^s3:\/\/seisless-test-data\/runs\/demo\/spec.json: GetObject failed with SlowDown/,
    );
  });
});
