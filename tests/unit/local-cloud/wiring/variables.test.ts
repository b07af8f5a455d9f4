// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are serverless.yml variables, not template literals
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveVariables, type VariableContext } from '../../../../scripts/local-cloud/wiring/variables';

function context(overrides: Partial<VariableContext> = {}): VariableContext {
  return {
    file: 'serverless.yml',
    baseDir: tmpdir(),
    self: { service: 'svc', provider: { memorySize: 512 } },
    options: { stage: 'local', region: 'us-east-1' },
    params: { subnets: 'a,b' },
    region: 'us-east-1',
    accountId: '000000000000',
    loadedFiles: new Set(),
    ...overrides,
  };
}

describe('resolveVariables', () => {
  it('resolves the forms the services use, inside strings and as whole values', () => {
    const value = {
      bucket: 'seisless-${sls:stage}-data',
      stage: "${opt:stage, 'dev'}",
      missing: "${opt:nothing, 'fallback'}",
      name: '${self:service}-${sls:stage}',
      memory: '${self:provider.memorySize}',
      subnets: '${param:subnets}',
      arn: 'arn:aws:lambda:#{AWS::Region}:#{AWS::AccountId}:function:x',
    };

    expect(resolveVariables(value, context())).toEqual({
      bucket: 'seisless-local-data',
      stage: 'local',
      missing: 'fallback',
      name: 'svc-local',
      memory: 512,
      subnets: 'a,b',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:x',
    });
  });

  it('reads ${file(…):path} relative to the file, resolving its variables in the service context', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vars-'));
    writeFileSync(join(dir, 'common.yml'), 'provider:\n  environment:\n    BUCKET: b-${sls:stage}\n');
    const ctx = context({ baseDir: dir });

    const resolved = resolveVariables('${file(./common.yml):provider.environment}', ctx);

    expect(resolved).toEqual({ BUCKET: 'b-local' });
    expect([...ctx.loadedFiles]).toEqual([join(dir, 'common.yml')]);
  });

  it.each([
    ['${env:HOME}', "unsupported variable '${env:HOME}'"],
    ['#{AWS::StackName}', "unsupported pseudo parameter '#{AWS::StackName}'"],
    ['${opt:nothing}', 'resolves to nothing and has no default'],
    ['x-${self:provider}', 'resolves to an object'],
    ['${sls:stage', 'unterminated variable'],
  ])('fails clearly on %s', (text, message) => {
    expect(() => resolveVariables(text, context())).toThrow(message);
  });

  it('stops a variable cycle', () => {
    const self = { a: '${self:b}', b: '${self:a}' };

    expect(() => resolveVariables('${self:a}', context({ self }))).toThrow('a cycle?');
  });
});
