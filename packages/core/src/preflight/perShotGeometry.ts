import { receiverPoints } from '../spec/acquisitionPoints';
import { gridExtent } from '../spec/gridExtent';
import type { RunSpec } from '../spec/runSpec';
import { pointsRange } from './apertureWindow';

/** Depths of the receivers (a line's depthM, or every position's last coordinate). */
function receiverDepths(receivers: RunSpec['acquisition']['receivers']): number[] {
  return 'positions' in receivers ? receivers.positions.map((p) => p[p.length - 1] ?? 0) : [receivers.depthM];
}

/** Lateral axes of the model: x, and y in 3D. */
const lateralAxes = (model: RunSpec['model']) => (model.shape.length === 3 ? [0, 1] : [0]);

/**
 * A streamer that follows its source: its offsets must be given, and at the first and the last
 * shot along each lateral axis (x, and y in 3D) every receiver must lie inside the grid.
 */
function streamerIssues(spec: RunSpec): string[] {
  const { sources, receivers } = spec.acquisition;
  const model = spec.model;
  if (!('positions' in receivers) && receivers.xRangeM === undefined) {
    return [
      'acquisition.receivers.xRangeM: missing; expected the offsets [first, last] in metres from each shot’s source, since acquisition.receiversFollowSource is true',
    ];
  }
  if (!('positions' in receivers) && typeof receivers.count !== 'number' && receivers.yRangeM === undefined) {
    return [
      'acquisition.receivers.yRangeM: missing; expected the crossline offsets [first, last] in metres of an areal spread following each shot’s source, since acquisition.receiversFollowSource is true',
    ];
  }
  const offsets = receiverPoints(spec.acquisition, model);
  const zMax = gridExtent(model, model.shape.length - 1);
  const lines = lateralAxes(model).flatMap((axis) => {
    const name = axis === 0 ? 'x' : 'y';
    const [offsetLow, offsetHigh] = pointsRange(offsets, model, axis);
    const max = gridExtent(model, axis);
    return [...new Set(pointsRange(sources, model, axis))].flatMap((at) => {
      const [low, high] = [at + offsetLow, at + offsetHigh];
      return low < 0 || high > max * (1 + 1e-12)
        ? [
            `acquisition.receivers: the shot at ${name} ${at} m has receivers from ${name} ${low} to ${high} m, outside the grid; expected every shot's receivers within ${name} 0–${max} m (move the sources or shorten the offsets)`,
          ]
        : [];
    });
  });
  const deepest = Math.max(...receiverDepths(receivers));
  if (deepest > zMax || Math.min(...receiverDepths(receivers)) < 0) {
    lines.push(
      `acquisition.receivers: depth ${deepest} m is outside the grid; expected depths within z 0–${zMax} m`,
    );
  }
  return lines;
}

/**
 * The checks of per-shot geometry the spec alone allows: a streamer that follows the source
 * stays inside the grid at every shot, and geometry read from the records needs records in the
 * bucket (what their headers hold is checked by each job, naming the record).
 *
 * @example
 * perShotGeometryIssues(spec) // ['acquisition.geometryFromData: true with synthetic observed data; …']
 */
export function perShotGeometryIssues(spec: RunSpec): string[] {
  const lines = spec.acquisition.receiversFollowSource ? streamerIssues(spec) : [];
  if (spec.acquisition.geometryFromData && 'synthetic' in spec.observed) {
    lines.push(
      'acquisition.geometryFromData: true with synthetic observed data; expected observed.keyTemplate naming records whose SEG-Y headers or .npy sidecars carry each shot’s source and receivers',
    );
  }
  return lines;
}
