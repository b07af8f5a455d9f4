import { dirname, resolve as resolvePath } from 'node:path';
import { ConfigError } from '@seisless/core';
import { readYamlFile } from './yamlFile';

/** What `${…}` and `#{…}` variables of one serverless.yml resolve against. */
export interface VariableContext {
  /** The file whose text is being resolved (named in errors). */
  file: string;
  /** Folder that `${file(…)}` paths are relative to. */
  baseDir: string;
  /** The service's own unresolved document, for `${self:…}`. */
  self: unknown;
  /** Command-line options: `${opt:stage}`, `${opt:region}`. */
  options: Readonly<Record<string, string>>;
  /** Stage parameters (`params.default` merged with `params.<stage>`), for `${param:…}`. */
  params: Readonly<Record<string, unknown>>;
  region: string;
  accountId: string;
  /** Absolute paths read through `${file(…)}` (so state-machine files can be matched). */
  loadedFiles: Set<string>;
  depth?: number;
}

const MAX_DEPTH = 20;

/** Resolves every `${…}` and `#{…}` variable in a value, recursively, without mutating it. */
export function resolveVariables(value: unknown, ctx: VariableContext): unknown {
  if ((ctx.depth ?? 0) > MAX_DEPTH) {
    throw new ConfigError(`${ctx.file}: variables nest deeper than ${MAX_DEPTH} levels (a cycle?)`);
  }
  if (typeof value === 'string') return resolveString(value, ctx);
  if (Array.isArray(value)) return value.map((item) => resolveVariables(item, ctx));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveVariables(item, ctx);
    return out;
  }
  return value;
}

function resolveString(text: string, ctx: VariableContext): unknown {
  const spans = findVariables(text, ctx.file);
  const only = spans[0];
  if (spans.length === 1 && only && only.start === 0 && only.end === text.length) {
    return resolveExpression(only.expression, ctx);
  }
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    const resolved = resolveExpression(span.expression, ctx);
    if (resolved !== null && typeof resolved === 'object') {
      throw new ConfigError(
        `${ctx.file}: '\${${span.expression}}' inside '${text}' resolves to an object; expected a string`,
      );
    }
    out += text.slice(cursor, span.start) + String(resolved);
    cursor = span.end;
  }
  return replacePseudoParameters(out + text.slice(cursor), ctx);
}

interface Span {
  start: number;
  end: number;
  expression: string;
}

/** Finds the top-level `${…}` spans of a string, allowing nested `${…}` inside them. */
export function findVariables(text: string, file: string): Span[] {
  const spans: Span[] = [];
  let index = text.indexOf('${');
  while (index !== -1) {
    let depth = 0;
    let end = -1;
    for (let i = index; i < text.length; i += 1) {
      if (text.startsWith('${', i)) depth += 1;
      else if (text[i] === '}' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end === -1) throw new ConfigError(`${file}: unterminated variable in '${text}'`);
    spans.push({ start: index, end, expression: text.slice(index + 2, end - 1).trim() });
    index = text.indexOf('${', end);
  }
  return spans;
}

function replacePseudoParameters(text: string, ctx: VariableContext): string {
  return text.replace(/#\{([^}]*)\}/g, (_match, name: string) => {
    if (name === 'AWS::Region') return ctx.region;
    if (name === 'AWS::AccountId') return ctx.accountId;
    throw new ConfigError(
      `${ctx.file}: unsupported pseudo parameter '#{${name}}'; expected #{AWS::Region} or #{AWS::AccountId}`,
    );
  });
}

function resolveExpression(expression: string, ctx: VariableContext): unknown {
  const [main, fallback] = splitFallback(expression);
  const value = resolveSource(main, ctx);
  if (value !== undefined) return value;
  if (fallback !== undefined) return resolveFallback(fallback, ctx);
  throw new ConfigError(`${ctx.file}: '\${${expression}}' resolves to nothing and has no default`);
}

function splitFallback(expression: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < expression.length; i += 1) {
    const char = expression[i];
    if (char === '(' || char === '{') depth += 1;
    else if (char === ')' || char === '}') depth -= 1;
    else if (char === ',' && depth === 0)
      return [expression.slice(0, i).trim(), expression.slice(i + 1).trim()];
  }
  return [expression, undefined];
}

function resolveFallback(fallback: string, ctx: VariableContext): unknown {
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(fallback);
  if (quoted) return quoted[1] ?? quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(fallback)) return Number(fallback);
  if (fallback.startsWith('${')) return resolveString(fallback, ctx);
  throw new ConfigError(
    `${ctx.file}: unsupported default '${fallback}'; expected a quoted string or a number`,
  );
}

function resolveSource(expression: string, ctx: VariableContext): unknown {
  const nested = { ...ctx, depth: (ctx.depth ?? 0) + 1 };
  if (expression === 'sls:stage') return ctx.options.stage;
  if (expression.startsWith('opt:')) return ctx.options[expression.slice(4)];
  if (expression.startsWith('param:')) return resolveVariables(ctx.params[expression.slice(6)], nested);
  if (expression.startsWith('self:')) return resolveVariables(getPath(ctx.self, expression.slice(5)), nested);
  const file = /^file\(([^)]+)\)(?::(.+))?$/.exec(expression);
  if (file?.[1]) return resolveFile(file[1].trim(), file[2]?.trim(), nested);
  throw new ConfigError(
    `${ctx.file}: unsupported variable '\${${expression}}'; expected sls:stage, self:, opt:, param: or file()`,
  );
}

function resolveFile(relative: string, address: string | undefined, ctx: VariableContext): unknown {
  const path = resolvePath(ctx.baseDir, relative);
  ctx.loadedFiles.add(path);
  const content = readYamlFile(path);
  const value = address === undefined ? content : getPath(content, address);
  if (value === undefined) throw new ConfigError(`${ctx.file}: ${relative} has no value at '${address}'`);
  return resolveVariables(value, { ...ctx, file: path, baseDir: dirname(path) });
}

/** Reads a dotted path (`provider.environment`) out of a plain object; undefined when absent. */
export function getPath(root: unknown, address: string): unknown {
  let node: unknown = root;
  for (const key of address.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
