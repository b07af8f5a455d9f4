import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, type RunSpec, ValidationError, validateRunSpec } from '@seisless/core';

/** Reads and validates a run spec file; errors name the file and every bad field. */
export async function readSpecFile(path: string, cwd: string): Promise<RunSpec> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (cause) {
    throw new InputError(
      `${path}: cannot read the run spec (${(cause as NodeJS.ErrnoException).code ?? cause}); expected a JSON file`,
      {
        cause,
      },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError(`${path}: not valid JSON (${(cause as Error).message})`, [], { cause });
  }
  return validateRunSpec(raw, path);
}
