import { compilePattern } from '../../../../scripts/local-cloud/events/eventPattern';

const RULE = 'rule demo-test-jobEnded-rule-1';

/** A Batch job state change as the local Batch sends it (the parts the patterns look at). */
const batchEvent = (detail: Record<string, unknown> = {}) => ({
  version: '0',
  source: 'aws.batch',
  'detail-type': 'Batch Job State Change',
  resources: ['arn:aws:batch:us-east-1:000000000000:job/j-1'],
  detail: {
    jobId: 'j-1',
    status: 'SUCCEEDED',
    jobQueue: 'arn:aws:batch:us-east-1:000000000000:job-queue/seisless-submitter-local-jobs',
    attempts: [{ container: { exitCode: 0 } }],
    container: { exitCode: 0, command: ['python', '-m', 'seisless_compute'] },
    tags: { run: 'r-1' },
    statusReason: null,
    ...detail,
  },
});

const matches = (pattern: unknown, event: unknown): boolean => compilePattern(pattern, RULE)(event);

describe('compilePattern: literal values', () => {
  it('matches when every field matches one of its listed values (fields AND, values OR)', () => {
    const pattern = {
      source: ['aws.batch'],
      'detail-type': ['Batch Job State Change'],
      detail: { status: ['SUCCEEDED', 'FAILED'] },
    };

    expect(matches(pattern, batchEvent())).toBe(true);
    expect(matches(pattern, batchEvent({ status: 'FAILED' }))).toBe(true);
    expect(matches(pattern, batchEvent({ status: 'RUNNING' }))).toBe(false);
    expect(matches({ ...pattern, source: ['aws.ec2'] }, batchEvent())).toBe(false);
  });

  it('matches numbers and null by value and type, never a missing field', () => {
    expect(matches({ detail: { container: { exitCode: [0] } } }, batchEvent())).toBe(true);
    expect(matches({ detail: { container: { exitCode: ['0'] } } }, batchEvent())).toBe(false);
    expect(matches({ detail: { statusReason: [null] } }, batchEvent())).toBe(true);
    expect(matches({ detail: { startedAt: [null] } }, batchEvent())).toBe(false);
  });

  it('matches an event array when any element is listed (a non-empty intersection)', () => {
    const queue = 'arn:aws:batch:us-east-1:000000000000:job/j-1';

    expect(matches({ resources: ['arn:other', queue] }, batchEvent())).toBe(true);
    expect(matches({ detail: { container: { command: ['seisless_compute'] } } }, batchEvent())).toBe(true);
    expect(matches({ resources: ['arn:other'] }, batchEvent())).toBe(false);
  });

  it('matches nested objects level by level, and any object of an array of objects', () => {
    expect(matches({ detail: { tags: { run: ['r-1'] } } }, batchEvent())).toBe(true);
    expect(matches({ detail: { attempts: { container: { exitCode: [0] } } } }, batchEvent())).toBe(true);
    expect(matches({ detail: { tags: { run: ['r-2'] } } }, batchEvent())).toBe(false);
    expect(matches({ detail: { jobId: { nested: ['x'] } } }, batchEvent())).toBe(false);
    expect(matches({ detail: { missing: { run: ['r-1'] } } }, batchEvent())).toBe(false);
  });
});

describe('compilePattern: operators', () => {
  it('prefix matches strings that start with it', () => {
    const pattern = {
      detail: { jobQueue: [{ prefix: 'arn:aws:batch:us-east-1:000000000000:job-queue/seisless-' }] },
    };

    expect(matches(pattern, batchEvent())).toBe(true);
    expect(
      matches(pattern, batchEvent({ jobQueue: 'arn:aws:batch:us-east-1:000000000000:job-queue/x' })),
    ).toBe(false);
    expect(matches({ detail: { container: { exitCode: [{ prefix: '0' }] } } }, batchEvent())).toBe(false);
  });

  it('anything-but excludes a value, a list, or a prefix, and needs the field', () => {
    expect(matches({ detail: { status: [{ 'anything-but': 'RUNNING' }] } }, batchEvent())).toBe(true);
    expect(matches({ detail: { status: [{ 'anything-but': ['SUCCEEDED', 'FAILED'] }] } }, batchEvent())).toBe(
      false,
    );
    expect(matches({ detail: { container: { exitCode: [{ 'anything-but': [1, 2] }] } } }, batchEvent())).toBe(
      true,
    );
    expect(matches({ detail: { status: [{ 'anything-but': { prefix: 'SUCC' } }] } }, batchEvent())).toBe(
      false,
    );
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } }, batchEvent())).toBe(false);
  });

  it('exists asks whether a leaf value is there', () => {
    expect(matches({ detail: { jobId: [{ exists: true }] } }, batchEvent())).toBe(true);
    expect(matches({ detail: { startedAt: [{ exists: true }] } }, batchEvent())).toBe(false);
    expect(matches({ detail: { startedAt: [{ exists: false }] } }, batchEvent())).toBe(true);
    expect(matches({ detail: { jobId: [{ exists: false }] } }, batchEvent())).toBe(false);
    expect(matches({ detail: { tags: [{ exists: true }] } }, batchEvent())).toBe(false);
    expect(matches({ detail: { dependsOn: [{ exists: false }] } }, batchEvent({ dependsOn: [] }))).toBe(true);
  });

  it('matches on leaf paths: a leaf under a missing parent is absent, so only exists: false matches it', () => {
    const notAChild = { detail: { arrayProperties: { index: [{ exists: false }] } } };
    const child = batchEvent({ arrayProperties: { index: 3 } });

    expect(matches(notAChild, batchEvent())).toBe(true); // a single job: no arrayProperties at all
    expect(matches(notAChild, batchEvent({ arrayProperties: { size: 4 } }))).toBe(true); // an array parent
    expect(matches(notAChild, child)).toBe(false);
    expect(matches({ detail: { arrayProperties: { index: [{ exists: true }] } } }, batchEvent())).toBe(false);
    expect(matches({ detail: { arrayProperties: { index: [3] } } }, batchEvent())).toBe(false);
    expect(matches({ detail: { arrayProperties: { index: [3] } } }, child)).toBe(true);
  });

  it('numeric compares numbers with one bound or a range, and never strings', () => {
    const event = batchEvent({ container: { exitCode: 3 }, size: '3' });

    expect(matches({ detail: { container: { exitCode: [{ numeric: ['>', 0] }] } } }, event)).toBe(true);
    expect(matches({ detail: { container: { exitCode: [{ numeric: ['>', 0, '<=', 3] }] } } }, event)).toBe(
      true,
    );
    expect(matches({ detail: { container: { exitCode: [{ numeric: ['>=', 4, '<', 9] }] } } }, event)).toBe(
      false,
    );
    expect(matches({ detail: { container: { exitCode: [{ numeric: ['=', 3] }] } } }, event)).toBe(true);
    expect(matches({ detail: { size: [{ numeric: ['=', 3] }] } }, event)).toBe(false);
  });

  it('ORs operators and literals listed for one field', () => {
    const pattern = { detail: { status: [{ prefix: 'FAIL' }, 'SUCCEEDED'] } };

    expect(matches(pattern, batchEvent({ status: 'FAILED' }))).toBe(true);
    expect(matches(pattern, batchEvent())).toBe(true);
    expect(matches(pattern, batchEvent({ status: 'RUNNABLE' }))).toBe(false);
  });

  it('reads the JSON text CloudFormation also takes', () => {
    expect(matches(JSON.stringify({ detail: { status: ['SUCCEEDED'] } }), batchEvent())).toBe(true);
  });
});

describe('compilePattern: what start-up refuses', () => {
  it.each([
    ['suffix', { detail: { jobName: [{ suffix: '-x' }] } }],
    ['equals-ignore-case', { detail: { status: [{ 'equals-ignore-case': 'failed' }] } }],
    ['wildcard', { detail: { jobName: [{ wildcard: 'a*' }] } }],
    ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/8' }] } }],
    ['$or', { detail: { $or: [{ status: ['FAILED'] }, { jobName: ['x'] }] } }],
    ['anything-but/suffix', { detail: { status: [{ 'anything-but': { suffix: 'ED' } }] } }],
    ['prefix/equals-ignore-case', { detail: { status: [{ prefix: { 'equals-ignore-case': 'f' } }] } }],
  ])('refuses the operator %s, naming the rule and the operator', (operator, pattern) => {
    expect(() => compilePattern(pattern, RULE)).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: expect.stringContaining(`${RULE}: EventPattern field`),
      }),
    );
    expect(() => compilePattern(pattern, RULE)).toThrow(`the operator '${operator}' is not emulated`);
  });

  it.each([
    ['a bare value', { source: 'aws.batch' }, 'expected a list of values or an object of fields'],
    ['an empty list', { source: [] }, 'is an empty list'],
    ['an empty pattern', {}, 'is an empty object'],
    ['a bad numeric', { detail: { n: [{ numeric: ['>', 'x'] }] } }, 'numeric [">","x"]'],
    ['two lower bounds', { detail: { n: [{ numeric: ['>', 1, '>', 2] }] } }, 'one lower and one upper'],
    ['a mixed anything-but', { detail: { n: [{ 'anything-but': ['a', 1] }] } }, 'anything-but takes'],
    ['exists with a string', { detail: { n: [{ exists: 'yes' }] } }, 'exists takes true or false'],
    ['text that is not JSON', '{source', 'is not JSON'],
  ])('refuses %s', (_what, pattern, problem) => {
    expect(() => compilePattern(pattern, RULE)).toThrow(problem);
  });
});
