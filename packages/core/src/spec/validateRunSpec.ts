import { ValidationError } from '../errors';
import { MAX_BATCH_SIZE } from '../reduction/accumulator/manifest';
import { pointCount } from './acquisitionPoints';
import { describeSchemaIssues, schemaParseOptions } from './describeSchemaIssues';
import { physicsIssues } from './physicsIssues';
import { type RunSpec, runSpecSchema } from './runSpec';

/**
 * Validates a run spec, returning it with defaults applied, or throwing one ValidationError
 * that names every bad field and what it expects. Cross-field rules are checked here too.
 *
 * @example
 * const spec = validateRunSpec(JSON.parse(text), 'spec.json');
 */
export function validateRunSpec(input: unknown, source = 'run spec'): RunSpec {
  const parsed = runSpecSchema.safeParse(input, schemaParseOptions);
  if (!parsed.success) throw invalid(source, describeSchemaIssues(parsed.error.issues));
  const issues = crossFieldIssues(parsed.data);
  if (issues.length > 0) throw invalid(source, issues);
  return parsed.data;
}

function invalid(source: string, issues: string[]): ValidationError {
  return new ValidationError(`${source} is invalid: ${issues.join('; ')}`, issues);
}

/** Number of shots (sources) the acquisition defines. */
export function shotCount(spec: RunSpec): number {
  return pointCount(spec.acquisition.sources);
}

function crossFieldIssues(spec: RunSpec): string[] {
  const issues: string[] = [];
  const ndim = spec.model.shape.length;
  if (spec.model.spacing.length !== ndim) {
    issues.push(
      `model.spacing: has ${spec.model.spacing.length} entries; expected ${ndim}, one per model.shape axis`,
    );
  }
  for (const side of ['sources', 'receivers'] as const) {
    const points = spec.acquisition[side];
    if ('positions' in points) {
      points.positions.forEach((p, i) => {
        if (p.length !== ndim)
          issues.push(`acquisition.${side}.positions.${i}: has ${p.length} coordinates; expected ${ndim}`);
      });
    } else if (ndim === 2) {
      if (typeof points.count !== 'number')
        issues.push(
          `acquisition.${side}.count: ${JSON.stringify(points.count)} is an areal grid; expected an integer on a 2D model (areal grids are 3D)`,
        );
      if (points.yRangeM !== undefined)
        issues.push(
          `acquisition.${side}.yRangeM: given for a 2D model; expected no yRangeM (2D lines run along x)`,
        );
    }
  }
  issues.push(...physicsIssues(spec));
  const algorithm = spec.algorithm;
  const shots = shotCount(spec);
  if (algorithm.kind === 'rtm' && shots > MAX_BATCH_SIZE) {
    issues.push(
      `acquisition.sources: ${shots} shots; expected at most ${MAX_BATCH_SIZE} for RTM, which images every shot in one batch`,
    );
  }
  if (algorithm.kind !== 'rtm' && algorithm.batchSize > shots) {
    issues.push(
      `algorithm.batchSize: ${algorithm.batchSize}; expected at most the number of shots (${shots})`,
    );
  }
  if (algorithm.kind === 'fwi') {
    if (algorithm.bounds.minKmS >= algorithm.bounds.maxKmS) {
      issues.push('algorithm.bounds: minKmS must be below maxKmS');
    }
    if (algorithm.step.rule === 'exact')
      issues.push(
        "algorithm.step.rule: 'exact' is for LS-RTM; expected 'armijo', 'fixed' or 'barzilai-borwein' for FWI",
      );
  }
  if (algorithm.kind === 'lsrtm' && algorithm.step.rule === 'armijo') {
    issues.push(
      "algorithm.step.rule: 'armijo' is for FWI; expected 'fixed', 'barzilai-borwein' or 'exact' for LS-RTM",
    );
  }
  if (algorithm.kind !== 'fwi' && 'key' in spec.model && spec.background === undefined) {
    issues.push(
      'background: missing; expected { smoothingM } or { key } for RTM/LS-RTM with a model from S3',
    );
  }
  return issues;
}
