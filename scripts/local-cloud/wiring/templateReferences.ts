import { ConfigError } from '@seisless/core';
import type { Physical } from './physicalIds';
import { isDict, markPlain, travellingKey } from './resolverQuirks';

type Dict = Record<string, unknown>;

/** What a template's references may name. */
export interface Known {
  /** Names a Ref may use: pseudo parameters, parameters, logical ids. */
  refs: Set<string>;
  /** What `${name}` of Fn::Sub stands for: pseudo parameters, resources, `Resource.Attribute`. */
  subValues: Dict;
  physical: Record<string, Physical>;
  resources: Record<string, { Type: string }>;
  file: string;
}

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

function checkAttribute(id: string, attribute: string, known: Known, where: string): void {
  const resource = known.resources[id];
  if (resource === undefined) {
    throw new ConfigError(
      `${known.file}: Template error: instance of Fn::GetAtt references undefined resource ${id} (in ${where})`,
    );
  }
  if (known.physical[id]?.attributes[attribute] === undefined) {
    throw new ConfigError(
      `${known.file}: ${where}: Fn::GetAtt ${id}.${attribute} is not known to the local cloud for ${resource.Type}`,
    );
  }
}

function checkSub(text: string, local: Set<string>, known: Known, where: string): void {
  for (const match of text.matchAll(SUB_VARIABLE)) {
    const name = match[1] ?? '';
    if (local.has(name) || known.refs.has(name)) continue;
    const [id, ...rest] = name.split('.');
    if (rest.length > 0 && id !== undefined) checkAttribute(id, rest.join('.'), known, where);
    else
      throw new ConfigError(
        `${known.file}: ${where}: Fn::Sub variable \${${name}} is not a parameter or resource`,
      );
  }
}

/**
 * Fn::Sub checked; in its `[text, map]` form the resolver reads only the map, while CloudFormation
 * also substitutes the template's names, so those the text uses are added to the map.
 */
function copySub(item: unknown, known: Known, where: string): unknown {
  const [text, variables] = Array.isArray(item) ? item : [item, {}];
  const local = new Set(Object.keys(isDict(variables) ? variables : {}));
  if (typeof text !== 'string') return checkedCopy(item, known, where);
  checkSub(text, local, known, where);
  if (!Array.isArray(item) || !isDict(variables)) return text;
  const global = [...text.matchAll(SUB_VARIABLE)]
    .map((match) => match[1] ?? '')
    .filter((name) => !local.has(name) && name in known.subValues);
  const merged = { ...Object.fromEntries(global.map((name) => [name, known.subValues[name]])), ...variables };
  return [text, checkedCopy(merged, known, `${where}[1]`)];
}

/**
 * A copy of `value` ready for the resolver (`Fn::GetAtt: 'A.B'` in its list form, the quirks of
 * resolverQuirks.ts applied), after checking that every Ref, GetAtt and Fn::Sub variable names
 * something the template defines: CloudFormation refuses the template otherwise.
 */
export function checkedCopy(value: unknown, known: Known, where: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => checkedCopy(item, known, `${where}[${index}]`));
  if (!isDict(value)) return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    const path = `${where}.${key}`;
    if (key === 'Ref' && typeof item === 'string' && !known.refs.has(item)) {
      throw new ConfigError(
        `${known.file}: ${path}: Template format error: Unresolved resource dependencies [${item}]`,
      );
    }
    if (key === 'Fn::GetAtt') {
      const pair = typeof item === 'string' ? item.split(/\.(.*)/s).slice(0, 2) : (item as unknown[]);
      checkAttribute(String(pair[0]), String(pair[1]), known, path);
      out[key] = pair;
    } else if (key === 'Fn::Sub') out[key] = copySub(item, known, path);
    else out[travellingKey(key, item)] = checkedCopy(item, known, path);
  }
  return markPlain(out, value);
}
