import { ValidationError } from '@seisless/core';
import { parseRunIdArguments } from '../../../scripts/cli/runIdArguments';
import { UsageError } from '../../../scripts/cli/usageError';

const usage = 'status <runId> [--aws --stage S [--region R]] [--json]';

describe('parseRunIdArguments', () => {
  it('reads the run id, the target and --json', () => {
    const args = { values: { aws: true, stage: 'dev', json: true }, positionals: ['demo-1'] };

    expect(parseRunIdArguments(args, usage)).toEqual({
      runId: 'demo-1',
      target: { aws: true, stage: 'dev', region: undefined },
      json: true,
    });
  });

  it('defaults to the local cloud without --json', () => {
    expect(parseRunIdArguments({ values: {}, positionals: ['demo'] }, usage)).toEqual({
      runId: 'demo',
      target: { aws: false, stage: 'local', region: undefined },
      json: false,
    });
  });

  it('is a usage error without a run id, quoting the usage', () => {
    expect(() => parseRunIdArguments({ values: {}, positionals: [] }, usage)).toThrow(UsageError);
    expect(() => parseRunIdArguments({ values: {}, positionals: [] }, usage)).toThrow(
      `missing the run id; usage: seisless ${usage}`,
    );
  });

  it('refuses a run id out of form, naming it', () => {
    expect(() => parseRunIdArguments({ values: {}, positionals: ['Demo_1'] }, usage)).toThrow(
      ValidationError,
    );
    expect(() => parseRunIdArguments({ values: {}, positionals: ['Demo_1'] }, usage)).toThrow(
      /^runId: 'Demo_1'; expected/,
    );
  });
});
