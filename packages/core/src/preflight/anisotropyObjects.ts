import { type AnisotropyName, anisotropyRangeIssue } from '../spec/anisotropyRanges';
import type { RunSpec } from '../spec/runSpec';
import { inspectNpyModel, type ModelObjectFindings } from './npyModelObject';
import type { ObjectBytes } from './objectBytes';
import { sampleText } from './sampledValues';
import { inspectSegyModel } from './segyModelObject';

/** What the checks of a spec's TTI parameter objects found. */
export interface AnisotropyReport {
  readonly errors: string[];
  /** The largest ε (sampled, or the number given); undefined when unknown. */
  readonly epsilonMax: number | undefined;
}

const isSegy = (key: string) => /\.(segy|sgy)$/i.test(key);
const NAMES = ['epsilon', 'delta', 'theta', 'phi'] as const satisfies AnisotropyName[];

/**
 * Checks the TTI parameter objects `model.anisotropy` names (a TTI run with a model from the
 * bucket): each exists, is model-shaped, and a sample of its values is finite and within the
 * parameter's range (ANISOTROPY_RANGES: ε and δ dimensionless, θ and φ in degrees). Values are
 * read as they are (no m/s conversion). ε ≥ δ at every point is checked by the model job, which
 * reads both whole. Every line names the parameter.
 *
 * @example
 * await checkAnisotropyObjects(spec, objects) // { errors: ['model.anisotropy.epsilon: …'], epsilonMax: 12 }
 */
export async function checkAnisotropyObjects(spec: RunSpec, objects: ObjectBytes): Promise<AnisotropyReport> {
  const anisotropy = 'key' in spec.model && spec.physics === 'tti' ? spec.model.anisotropy : undefined;
  if (anisotropy === undefined) return { errors: [], epsilonMax: undefined };
  const checked = await Promise.all(
    NAMES.map(async (name) => {
      const value = anisotropy[name];
      if (value === undefined) return { errors: [] as string[], max: undefined };
      if (typeof value === 'number') return { errors: [] as string[], max: value };
      return checkOne(spec, objects, name, value);
    }),
  );
  return { errors: checked.flatMap((c) => c.errors), epsilonMax: checked[0]?.max };
}

async function checkOne(
  spec: RunSpec,
  objects: ObjectBytes,
  name: AnisotropyName,
  key: string,
): Promise<{ errors: string[]; max?: number }> {
  const field = `model.anisotropy.${name}`;
  const where = objects.describe(key);
  const size = await objects.size(key);
  if (size === undefined) {
    return {
      errors: [`${field}: ${where}: no such object; expected a model-shaped .npy or SEG-Y object there`],
    };
  }
  let found: ModelObjectFindings;
  try {
    found = await (isSegy(key) ? inspectSegyModel : inspectNpyModel)(objects, key, size, spec.model.shape);
  } catch (error) {
    return {
      errors: [`${field}: ${where}: unreadable (${(error as Error).message}); expected a readable object`],
    };
  }
  if (!found.ok) return { errors: found.errors.map((line) => `${field}: ${line}`) };
  const { sample } = found;
  const errors: string[] = [];
  if (sample.nonFinite > 0) {
    errors.push(
      `${field}: ${where}: ${sample.nonFinite} NaN or infinite values (${sampleText(sample)}); expected finite values`,
    );
  }
  const issue = anisotropyRangeIssue(name, sample.min, sample.max);
  if (issue !== undefined) {
    errors.push(
      `${field}: ${where}: values from ${sample.min} to ${sample.max} (${sampleText(sample)}); ${issue}`,
    );
  }
  return { errors, max: sample.max };
}
