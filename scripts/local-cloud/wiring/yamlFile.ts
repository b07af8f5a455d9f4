import { readFileSync } from 'node:fs';
import { ConfigError } from '@seisless/core';
import { parse, type Tags } from 'yaml';

/** CloudFormation short-form intrinsics as they appear in serverless.yml, read into their long form. */
const intrinsicTags: Tags = [
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': value.split('.') }) },
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  {
    tag: '!Split',
    collection: 'seq',
    resolve: (seq: { toJSON(): unknown }) => ({ 'Fn::Split': seq.toJSON() }),
  },
];

/**
 * Reads a YAML (or JSON) file the way the Serverless Framework does: anchors and aliases
 * expanded, `!GetAtt`/`!Ref`/`!Split` turned into `Fn::GetAtt`/`Ref`/`Fn::Split` objects.
 */
export function readYamlFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot be read; expected a YAML file`, { cause: error });
  }
  try {
    return parse(text, { customTags: intrinsicTags, maxAliasCount: -1 });
  } catch (error) {
    throw new ConfigError(`${path}: is not valid YAML (${(error as Error).message})`, { cause: error });
  }
}
