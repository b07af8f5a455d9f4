import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';

const root = join(__dirname, '../../..');
const functionArn = /function:(seisless-[a-z-]+-\$\{sls:stage\}-\w+)/g;

/** CloudFormation's short forms, kept as their long forms. */
const cloudFormationTags: Tags = ['Sub', 'GetAtt', 'Ref', 'Split', 'Select'].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: unknown) => ({ [`Fn::${name}`]: value }) },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => ({ [`Fn::${name}`]: value }) },
]);

function functionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(functionArn)].map((match) => match[1] ?? ''))].sort();
}

describe('the imaging state machine role', () => {
  it('may invoke exactly the functions the definition invokes', () => {
    const definition = readFileSync(join(root, 'state-machines/imaging.yml'), 'utf8');
    const service = parse(readFileSync(join(root, 'services/iterator/serverless.yml'), 'utf8'), {
      customTags: cloudFormationTags,
    });
    const role = service.resources.Resources.ImagingStateMachineRole;

    const invoked = functionsIn(definition);

    expect(service.stepFunctions.stateMachines.imaging.role).toEqual({
      'Fn::GetAtt': 'ImagingStateMachineRole.Arn',
    });
    expect(invoked).toHaveLength(12);
    expect(functionsIn(JSON.stringify(role))).toEqual(invoked);
  });
});
