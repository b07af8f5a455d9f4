import { ApiError } from '../../http';

/** SendTaskSuccess' limit on `output` (characters), as the API documents it. */
const MAX_OUTPUT = 262144;

const invalid = (detail: string): ApiError =>
  new ApiError(400, 'ValidationException', `1 validation error detected: ${detail}`);

/** A required string member of a SendTask* request (`taskToken`, `output`). */
export function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string') {
    throw invalid(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

/** An optional string member of SendTaskFailure (`error`, `cause`), at most `max` characters. */
export function optionalString(
  input: Record<string, unknown>,
  member: string,
  max: number,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  if (text.length > max) {
    throw invalid(
      `Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return text;
}

/** SendTaskSuccess' `output`: JSON text (`InvalidOutput` otherwise), parsed. */
export function parsedOutput(input: Record<string, unknown>): unknown {
  const text = requiredString(input, 'output');
  if (text.length > MAX_OUTPUT) {
    throw invalid(
      `Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${MAX_OUTPUT}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'InvalidOutput', `Invalid Output: '${text.slice(0, 100)}'`);
  }
}
