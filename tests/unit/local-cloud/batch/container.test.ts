import {
  jobContainer,
  programLine,
  substituteParameters,
} from '../../../../scripts/local-cloud/batch/container';
import type { JobDefinitionDef } from '../../../../scripts/local-cloud/wiring/model';

const definition = (fields: Partial<JobDefinitionDef>): JobDefinitionDef => ({
  name: 'compute',
  arn: 'arn:aws:batch:us-east-1:000000000000:job-definition/compute:1',
  revision: 1,
  type: 'container',
  service: 'svc',
  entryPoint: ['.venv/bin/python', '-m', 'seisless_compute'],
  rootDir: '/repo',
  properties: {
    containerProperties: {
      command: ['gradient'],
      resourceRequirements: [{ type: 'VCPU', value: '2' }],
      environment: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    },
  },
  ...fields,
});

describe('job containers', () => {
  it('applies command, environment and resource overrides', () => {
    const container = jobContainer(definition({}), {
      command: ['objective'],
      environment: [{ name: 'B', value: 'override' }],
      resourceRequirements: [{ type: 'VCPU', value: '4' }],
    });

    expect(container.command).toEqual(['objective']);
    expect(container.environment).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'override' },
    ]);
    expect(container.vcpus).toBe(4);
  });

  it('runs the entry point (from the project root) with the command, and multi-node jobs under mpirun', () => {
    expect(programLine(definition({}), ['gradient'], undefined)).toEqual([
      '/repo/.venv/bin/python',
      '-m',
      'seisless_compute',
      'gradient',
    ]);
    expect(programLine(definition({}), ['gradient'], 2)).toEqual([
      'mpirun',
      '--allow-run-as-root',
      '--oversubscribe',
      '-n',
      '2',
      '/repo/.venv/bin/python',
      '-m',
      'seisless_compute',
      'gradient',
    ]);
  });

  it('fails a job that has neither an entry point nor a command', () => {
    expect(() => programLine(definition({ entryPoint: [] }), [], undefined)).toThrow('no command');
  });

  it('substitutes Ref:: parameters', () => {
    expect(substituteParameters(['exit', 'Ref::code', 'Ref::unknown'], { code: '2' })).toEqual([
      'exit',
      '2',
      'Ref::unknown',
    ]);
  });
});
