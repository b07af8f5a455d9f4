import { gridExtent } from './gridExtent';
import type { RunSpec } from './runSpec';

type Points = RunSpec['acquisition']['sources'];
type Model = { readonly shape: readonly number[]; readonly spacing: readonly number[] };

/**
 * Number of points a `sources` or `receivers` entry defines.
 *
 * @example
 * pointCount({ count: [4, 3], depthM: 10 }) // 12
 */
export function pointCount(points: Points): number {
  if ('positions' in points) return points.positions.length;
  return typeof points.count === 'number' ? points.count : points.count[0] * points.count[1];
}

/**
 * `n` values evenly spaced from `first` to `last`, the last exactly `last` (`first + i·d` can land
 * a rounding error past the grid's edge: 4000.0000000000005 for 16 points over 4 km); a single
 * value sits in the middle.
 */
function spaced(first: number, last: number, n: number): number[] {
  if (n === 1) return [(first + last) / 2];
  const m = n - 1;
  return Array.from({ length: n }, (_, i) => (i === m ? last : (first * (m - i) + last * i) / m));
}

/**
 * Expands generated points into explicit coordinates (`[x, z]` in 2D, `[x, y, z]` in 3D), origin
 * 0: a line of `count` points over `xRangeM` (default: the model's extent) and, in 3D, `yRangeM`
 * (default: the model's middle in y, a line along x), or an areal grid of `count: [nx, ny]` points
 * over `xRangeM` × `yRangeM` (default: the model's extent), x varying fastest. Explicit
 * `positions` are returned as they are.
 *
 * @example
 * expandPoints({ count: 3, depthM: 20 }, { shape: [101, 51], spacing: [10, 10] })
 * // [[0, 20], [500, 20], [1000, 20]]
 * expandPoints({ count: [2, 2], depthM: 5 }, { shape: [11, 11, 11], spacing: [10, 10, 10] })
 * // [[0, 0, 5], [100, 0, 5], [0, 100, 5], [100, 100, 5]]
 */
export function expandPoints(points: Points, model: Model): number[][] {
  if ('positions' in points) return points.positions.map((p) => [...p]);
  const [x0, x1] = points.xRangeM ?? [0, gridExtent(model, 0)];
  if (model.shape.length === 2) {
    return spaced(x0, x1, pointCount(points)).map((x) => [x, points.depthM]);
  }
  const yExtent = gridExtent(model, 1);
  if (typeof points.count === 'number') {
    const [y0, y1] = points.yRangeM ?? [yExtent / 2, yExtent / 2];
    const ys = spaced(y0, y1, points.count);
    return spaced(x0, x1, points.count).map((x, i) => [x, ys[i] ?? y0, points.depthM]);
  }
  const [y0, y1] = points.yRangeM ?? [0, yExtent];
  const xs = spaced(x0, x1, points.count[0]);
  return spaced(y0, y1, points.count[1]).flatMap((y) => xs.map((x) => [x, y, points.depthM]));
}

/**
 * The receivers of `acquisition` as points to expand: as given, except that the offsets of a 3D
 * streamer following its source (`receiversFollowSource`) given as a line without `yRangeM` lie
 * on the source's line (crossline offset 0), not at the model's middle in y, which as an offset
 * would put them half the model away.
 *
 * @example
 * receiverPoints({ receivers: { count: 3, depthM: 5, xRangeM: [-100, 100] }, receiversFollowSource: true, … }, model3d)
 * // { count: 3, depthM: 5, xRangeM: [-100, 100], yRangeM: [0, 0] }
 */
export function receiverPoints(acquisition: RunSpec['acquisition'], model: Model): Points {
  const receivers = acquisition.receivers;
  const inLine =
    acquisition.receiversFollowSource === true &&
    model.shape.length === 3 &&
    !('positions' in receivers) &&
    typeof receivers.count === 'number' &&
    receivers.yRangeM === undefined;
  return inLine ? { ...receivers, yRangeM: [0, 0] } : receivers;
}
