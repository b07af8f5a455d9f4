import type { RunSpec } from '../spec/runSpec';
import { inspectNpyModel, type ModelObjectFindings } from './npyModelObject';
import type { ObjectBytes } from './objectBytes';
import type { VelocityRange } from './presetVelocities';
import { sampleText } from './sampledValues';
import { inspectSegyModel } from './segyModelObject';

/** Plausible P-wave velocities, km/s, as the compute checks them (io/arrays.py VELOCITY_RANGE). */
export const VELOCITY_RANGE_KMS = [0.1, 20] as const;

/** What the model objects' checks found, and the velocity range of `model.key` when readable. */
export interface ModelObjectReport {
  readonly errors: string[];
  readonly velocities: VelocityRange | undefined;
}

const isSegy = (key: string) => /\.(segy|sgy)$/i.test(key);

/** The velocity objects a spec names: `model.key` and `background.key`, with their fields. */
function namedObjects(spec: RunSpec): { field: string; key: string }[] {
  const named: { field: string; key: string }[] = [];
  if ('key' in spec.model) named.push({ field: 'model.key', key: spec.model.key });
  if (spec.background !== undefined && 'key' in spec.background)
    named.push({ field: 'background.key', key: spec.background.key });
  return named;
}

/**
 * Checks every velocity object the spec names: it exists, its header and size agree with
 * `model.shape`, and a sample of its values is finite, positive and plausible (0.1–20 km/s; SEG-Y
 * in m/s is converted as the compute does). Large objects are read in ranges, never whole.
 */
export async function checkModelObjects(spec: RunSpec, objects: ObjectBytes): Promise<ModelObjectReport> {
  const errors: string[] = [];
  const checked = await Promise.all(
    namedObjects(spec).map(async ({ field, key }) => ({
      field,
      key,
      ...(await checkOne(spec, objects, field, key)),
    })),
  );
  let velocities: VelocityRange | undefined;
  for (const one of checked) {
    errors.push(...one.errors);
    if (one.field === 'model.key') velocities = one.velocities;
  }
  return { errors, velocities };
}

async function checkOne(
  spec: RunSpec,
  objects: ObjectBytes,
  field: string,
  key: string,
): Promise<{ errors: string[]; velocities?: VelocityRange }> {
  const name = objects.describe(key);
  const size = await objects.size(key);
  if (size === undefined) {
    return { errors: [`${field}: ${name}: no such object; expected a .npy or SEG-Y velocity model there`] };
  }
  let found: ModelObjectFindings;
  try {
    const inspect = isSegy(key) ? inspectSegyModel : inspectNpyModel;
    found = await inspect(objects, key, size, spec.model.shape);
  } catch (error) {
    return {
      errors: [`${field}: ${name}: unreadable (${(error as Error).message}); expected a readable object`],
    };
  }
  if (!found.ok) return { errors: found.errors.map((line) => `${field}: ${line}`) };
  const { sample } = found;
  const scale = found.metresPerSecond ? 1 / 1000 : 1;
  const minKmS = sample.min * scale;
  const maxKmS = sample.max * scale;
  const [low, high] = VELOCITY_RANGE_KMS;
  const errors: string[] = [];
  if (sample.nonFinite > 0) {
    errors.push(
      `${field}: ${name}: ${sample.nonFinite} NaN or infinite values (${sampleText(sample)}); expected finite velocities`,
    );
  }
  if (!(minKmS >= low && maxKmS <= high)) {
    const units = found.metresPerSecond ? 'km/s (read as m/s, median above 100)' : 'km/s';
    const hint = !isSegy(key) && maxKmS > 100 ? ' (a model in m/s? .npy velocities are read as km/s)' : '';
    const positive = minKmS <= 0 ? 'positive velocities, ' : '';
    errors.push(
      `${field}: ${name}: velocities from ${fmt(minKmS)} to ${fmt(maxKmS)} ${units} (${sampleText(sample)}); expected ${positive}km/s between ${low} and ${high}${hint}`,
    );
  }
  return errors.length > 0 ? { errors } : { errors, velocities: { minKmS, maxKmS } };
}

function fmt(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}
