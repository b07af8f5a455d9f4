import type { OptionDefinitions } from './command';
import type { Target } from './targetOptions';
import { UsageError } from './usageError';

/** `--faults <json>`: faults for the embedded local cloud to inject (scripts/local-cloud/faults.ts). */
export const faultsOptionDefinition: OptionDefinitions = { faults: { type: 'string' } };

/**
 * The parsed `--faults` JSON, or undefined when absent. Its fields are checked when the local
 * cloud starts (validateFaults), so a bad field is named there.
 */
export function parseFaultsOption(text: unknown, target: Target): unknown {
  if (text === undefined) return undefined;
  if (target.aws) throw new UsageError('--faults injects faults into the local cloud only; drop --aws');
  try {
    return JSON.parse(String(text));
  } catch (error) {
    throw new UsageError(`--faults: not valid JSON (${(error as Error).message})`);
  }
}
