import { ConfigError } from '@seisless/core';
import { loadConfig } from '../../../../services/submitter/src/config';

const env = {
  SEISLESS_BUCKET: 'seisless-dev-data',
  SEISLESS_JOB_QUEUE: 'seisless-submitter-dev-jobs',
  SEISLESS_MPI_JOB_QUEUE: 'seisless-submitter-dev-mpi-jobs',
  SEISLESS_JOB_DEFINITION: 'seisless-submitter-dev-compute',
  SEISLESS_MPI_JOB_DEFINITION: 'seisless-submitter-dev-compute-mpi',
  SEISLESS_REDUCER_QUEUE_NAME: 'seisless-gradient-reducer-dev-gradients.fifo',
};

describe('loadConfig', () => {
  it('reads the service environment with default deadline allowances', () => {
    const config = loadConfig(env);
    expect(config).toEqual({
      bucket: 'seisless-dev-data',
      jobQueue: 'seisless-submitter-dev-jobs',
      mpiJobQueue: 'seisless-submitter-dev-mpi-jobs',
      jobDefinition: 'seisless-submitter-dev-compute',
      mpiJobDefinition: 'seisless-submitter-dev-compute-mpi',
      reducerQueueName: 'seisless-gradient-reducer-dev-gradients.fifo',
      deadlineSlackS: 300,
      queueAllowanceS: 3600,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes the allowances from the environment when set', () => {
    const config = loadConfig({ ...env, SEISLESS_DEADLINE_SLACK_S: '60', SEISLESS_QUEUE_ALLOWANCE_S: '120' });
    expect([config.deadlineSlackS, config.queueAllowanceS]).toEqual([60, 120]);
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({ ...env, SEISLESS_JOB_QUEUE: undefined })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, SEISLESS_JOB_QUEUE: '' })).toThrow(/SEISLESS_JOB_QUEUE: missing/);
  });
});
