import { jobEnvironment } from '../../../../scripts/local-cloud/batch/environment';
import type { Job } from '../../../../scripts/local-cloud/batch/model';

const job = {
  jobId: 'job-1',
  jobQueue: 'arn:aws:batch:us-east-1:000000000000:job-queue/seisless-local',
  container: { environment: [{ name: 'SEISLESS_TASK_KEY', value: 'runs/r/tasks/gradient.json' }] },
} as unknown as Job;

describe('a job process environment', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('inherits the host, but not its AWS and seisless settings nor its bytecode switch', () => {
    process.env.HOST_ONLY = 'kept';
    process.env.AWS_PROFILE = 'someone';
    process.env.SEISLESS_BUCKET = 'host-bucket';
    process.env.PYTHONDONTWRITEBYTECODE = '1';
    process.env.PYTHONDONTWRITEBYTECODE_NOTE = 'a different variable';
    const env = jobEnvironment(job, 2, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' });
    expect(env.HOST_ONLY).toBe('kept');
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.SEISLESS_BUCKET).toBeUndefined();
    // The image's package carries compiled bytecode; the local stand-in keeps its own.
    expect(env.PYTHONDONTWRITEBYTECODE).toBeUndefined();
    expect(env.PYTHONDONTWRITEBYTECODE_NOTE).toBe('a different variable');
    expect(env.SEISLESS_TASK_KEY).toBe('runs/r/tasks/gradient.json');
    expect(env.AWS_ENDPOINT_URL_S3).toBe('http://127.0.0.1:1');
    expect(env.AWS_BATCH_JOB_ATTEMPT).toBe('2');
    expect(env.AWS_BATCH_JQ_NAME).toBe('seisless-local');
  });
});
