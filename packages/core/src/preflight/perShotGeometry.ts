import { gridExtent } from '../spec/gridExtent';
import type { RunSpec } from '../spec/runSpec';
import { pointsRange } from './apertureWindow';

/** Depths of the receivers (a line's depthM, or every position's last coordinate). */
function receiverDepths(receivers: RunSpec['acquisition']['receivers']): number[] {
  return 'positions' in receivers ? receivers.positions.map((p) => p[p.length - 1] ?? 0) : [receivers.depthM];
}

/**
 * A streamer that follows its source: its offsets must be given, and at the first and the last
 * shot (the extremes along x) every receiver must lie inside the grid.
 */
function streamerIssues(spec: RunSpec): string[] {
  const { sources, receivers } = spec.acquisition;
  const model = spec.model;
  if (!('positions' in receivers) && receivers.xRangeM === undefined) {
    return [
      'acquisition.receivers.xRangeM: missing; expected the offsets [first, last] in metres from each shot’s source, since acquisition.receiversFollowSource is true',
    ];
  }
  const [offsetLow, offsetHigh] = pointsRange(receivers, model, 0);
  const xMax = gridExtent(model, 0);
  const zMax = gridExtent(model, model.shape.length - 1);
  const lines = [...new Set(pointsRange(sources, model, 0))].flatMap((x) => {
    const [low, high] = [x + offsetLow, x + offsetHigh];
    return low < 0 || high > xMax * (1 + 1e-12)
      ? [
          `acquisition.receivers: the shot at x ${x} m has receivers from x ${low} to ${high} m, outside the grid; expected every shot's receivers within x 0–${xMax} m (move the sources or shorten the offsets)`,
        ]
      : [];
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
