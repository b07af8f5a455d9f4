import { type AnisotropyName, anisotropyRangeIssue } from './anisotropyRanges';
import { type RunSpec, TTI_PRESETS } from './runSpec';

const isTtiPreset = (preset: string) => (TTI_PRESETS as readonly string[]).includes(preset);

/** Numbers given for TTI parameters: each within its range, and ε ≥ δ. */
function constantIssues(anisotropy: NonNullable<Extract<RunSpec['model'], { key: string }>['anisotropy']>) {
  const issues: string[] = [];
  for (const name of ['epsilon', 'delta', 'theta', 'phi'] as const satisfies AnisotropyName[]) {
    const value = anisotropy[name];
    if (typeof value !== 'number') continue;
    const issue = anisotropyRangeIssue(name, value, value);
    if (issue) issues.push(`model.anisotropy.${name}: ${value}; ${issue}`);
  }
  const { epsilon, delta } = anisotropy;
  if (typeof epsilon === 'number' && typeof delta === 'number' && epsilon < delta) {
    issues.push(
      `model.anisotropy.epsilon: ${epsilon} is below delta ${delta}; expected epsilon ≥ delta (pseudo-acoustic TTI is unstable where ε < δ)`,
    );
  }
  return issues;
}

/**
 * The spec's `physics` against its model: TTI needs a TTI preset or `model.anisotropy`, an
 * acoustic run takes no anisotropy, φ is 3D only, the overthrust preset is 3D only, and numbers
 * given for TTI parameters are within their ranges (objects are checked by preflight).
 *
 * @example
 * physicsIssues(spec) // ["physics: 'tti' with the layered preset, which has no anisotropy; …"]
 */
export function physicsIssues(spec: RunSpec): string[] {
  const { model } = spec;
  const issues: string[] = [];
  if ('preset' in model) {
    if (model.preset === 'overthrust' && model.shape.length !== 3) {
      issues.push(
        `model.shape: ${JSON.stringify(model.shape)} with the overthrust preset; expected [nx, ny, nz] (overthrust is 3D only)`,
      );
    }
    if (spec.physics === 'tti' && !isTtiPreset(model.preset)) {
      issues.push(
        `physics: 'tti' with the ${model.preset} preset, which has no anisotropy; expected model.preset ${TTI_PRESETS.map((p) => `'${p}'`).join(' or ')}, or model.key with model.anisotropy`,
      );
    }
    return issues;
  }
  if (spec.physics === 'tti' && model.anisotropy === undefined) {
    issues.push(
      "model.anisotropy: missing with physics 'tti'; expected { epsilon, delta, theta, phi? }, each a number or the key of a model-shaped object",
    );
  }
  if (model.anisotropy === undefined) return issues;
  if (spec.physics !== 'tti') {
    issues.push(
      "model.anisotropy: given with physics 'acoustic'; expected physics: 'tti' (or no anisotropy)",
    );
  }
  if (model.anisotropy.phi !== undefined && model.shape.length === 2) {
    issues.push('model.anisotropy.phi: given for a 2D model; expected no phi (the azimuth is 3D only)');
  }
  return [...issues, ...constantIssues(model.anisotropy)];
}
