import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { TransientError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';
import { submitPorts } from '../../../../services/submitter/src/handlers/clients';
import { submitJobs } from '../../../../services/submitter/src/submit';

const s3 = mockClient(S3Client);
const slowDown = () =>
  new S3ServiceException({
    name: 'SlowDown',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
    message: 'Please reduce your request rate.',
  });
const env = {
  SEISLESS_BUCKET: 'seisless-test-data',
  SEISLESS_JOB_QUEUE: 'jobs',
  SEISLESS_MPI_JOB_QUEUE: 'mpi-jobs',
  SEISLESS_JOB_DEFINITION: 'compute',
  SEISLESS_MPI_JOB_DEFINITION: 'compute-mpi',
  SEISLESS_REDUCER_QUEUE_NAME: 'gradients.fifo',
};

afterAll(() => s3.restore());

describe("the submitter's storage", () => {
  it('surfaces an S3 SlowDown as a TransientError, which the state machine retries', async () => {
    s3.on(GetObjectCommand).rejects(slowDown());
    const deps = { ...submitPorts(env), now: () => 0 };

    const submitting = submitJobs({ runId: 'demo', iteration: 0, kind: 'model' }, deps);

    await expect(submitting).rejects.toThrow(TransientError);
    await expect(submitting).rejects.toThrow(
      /^s3:\/\/seisless-test-data\/runs\/demo\/spec.json: GetObject failed with SlowDown/,
    );
  });
});
