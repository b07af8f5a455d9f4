import { receiverPoints } from '../spec/acquisitionPoints';
import { gridExtent } from '../spec/gridExtent';
import type { RunSpec } from '../spec/runSpec';

type Points = RunSpec['acquisition']['sources'];

/**
 * Window widths are multiples of this many points, as the compute's windows are
 * (`WINDOW_MULTIPLE`, docker/seisless_compute/tasks/aperture.py).
 */
export const WINDOW_MULTIPLE = 50;

/**
 * `[lowest, highest]` coordinate along lateral `axis` (x, or y in 3D) of a `sources` or
 * `receivers` entry, with the defaults of `expandPoints` (a 3D line sits mid-y by default).
 */
export function pointsRange(points: Points, model: RunSpec['model'], axis: number): [number, number] {
  if ('positions' in points) {
    const values = points.positions.map((p) => p[axis] ?? 0);
    return [Math.min(...values), Math.max(...values)];
  }
  const extent = gridExtent(model, axis);
  const fallback: [number, number] =
    axis === 0 || typeof points.count !== 'number' ? [0, extent] : [extent / 2, extent / 2];
  const [first, last] = (axis === 0 ? points.xRangeM : points.yRangeM) ?? fallback;
  return [Math.min(first, last), Math.max(first, last)];
}

/**
 * The widest source–receiver span of any shot along lateral `axis`, metres; with
 * `acquisition.maxOffsetM` at most twice the offset (receivers within it on both sides).
 */
function widestSpan(spec: RunSpec, axis: number): number {
  const span = unlimitedSpan(spec, axis);
  const offset = spec.acquisition.maxOffsetM;
  return offset === undefined ? span : Math.min(span, 2 * offset);
}

function unlimitedSpan(spec: RunSpec, axis: number): number {
  const [sLow, sHigh] = pointsRange(spec.acquisition.sources, spec.model, axis);
  const [rLow, rHigh] = pointsRange(receiverPoints(spec.acquisition, spec.model), spec.model, axis);
  // A streamer that follows its source spans its offsets and the source (offset 0) at every shot.
  if (spec.acquisition.receiversFollowSource) return Math.max(rHigh, 0) - Math.min(rLow, 0);
  // Shared receivers: the span grows as the source moves away from them, widest at an end.
  return Math.max(...[sLow, sHigh].map((s) => Math.max(rHigh, s) - Math.min(rLow, s)));
}

/**
 * The grid shape one shot models: the model's, or with `acquisition.apertureM` the largest
 * lateral window (span + 2 × aperture, rounded up to `WINDOW_MULTIPLE` points, at most the
 * model), full depth.
 *
 * @example
 * shotWindowShape(spec) // [350, 239] for a 5 km streamer and a 5 km aperture at 50 m
 */
export function shotWindowShape(spec: RunSpec): number[] {
  const { shape, spacing } = spec.model;
  const aperture = spec.acquisition.apertureM;
  if (aperture === undefined) return [...shape];
  return shape.map((n, axis) => {
    if (axis === shape.length - 1) return n;
    const needed = Math.ceil((widestSpan(spec, axis) + 2 * aperture) / (spacing[axis] ?? 1) - 1e-9) + 1;
    return Math.min(n, Math.ceil(needed / WINDOW_MULTIPLE) * WINDOW_MULTIPLE);
  });
}
