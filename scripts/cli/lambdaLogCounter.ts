import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationCounts } from './session';

/**
 * Reads a function's log (`<logDir>/<function>.log`) from where it ended when the reader was
 * created: the lines of this session only (the logs accumulate across sessions).
 */
export function lambdaLogReader(logDir: string): (functionName: string) => string | undefined {
  const logFiles = existsSync(logDir) ? readdirSync(logDir).filter((f) => f.endsWith('.log')) : [];
  const offsets = new Map(logFiles.map((file) => [file, statSync(join(logDir, file)).size]));
  return (functionName) => {
    const file = `${functionName}.log`;
    if (!existsSync(join(logDir, file))) return undefined;
    return readFileSync(join(logDir, file))
      .subarray(offsets.get(file) ?? 0)
      .toString('utf8');
  };
}

/**
 * Counts Lambda invocations the way one would from CloudWatch: `START RequestId:` lines in the
 * local cloud's per-function logs (`<dataDir>/lambda/logs/<function>.log`), only those appended
 * after the counter was created (the logs accumulate across sessions).
 */
export function lambdaLogCounter(logDir: string): () => InvocationCounts {
  const sizeOf = (file: string) => statSync(join(logDir, file)).size;
  const logFiles = () => (existsSync(logDir) ? readdirSync(logDir).filter((f) => f.endsWith('.log')) : []);
  const offsets = new Map(logFiles().map((file) => [file, sizeOf(file)]));
  return () => {
    const counts: Record<string, number> = {};
    for (const file of logFiles()) {
      const text = readFileSync(join(logDir, file))
        .subarray(offsets.get(file) ?? 0)
        .toString('utf8');
      counts[file.slice(0, -'.log'.length)] = text.match(/^START RequestId: /gm)?.length ?? 0;
    }
    return counts;
  };
}
