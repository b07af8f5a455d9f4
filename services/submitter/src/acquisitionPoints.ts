import { gridExtent, type RunSpec } from '@seisless/core';

type Points = RunSpec['acquisition']['sources'];

/**
 * Expands a line of points `{ count, depthM, xRangeM? }` into explicit `[x, z]` coordinates,
 * evenly spaced over `xRangeM` (default: the model's extent, origin 0); a single point sits in
 * the middle of the range. Explicit `positions` are returned as they are.
 *
 * @example
 * expandPoints({ count: 3, depthM: 20 }, { shape: [101, 51], spacing: [10, 10] })
 * // [[0, 20], [500, 20], [1000, 20]]
 */
export function expandPoints(
  points: Points,
  model: { shape: readonly number[]; spacing: readonly number[] },
): number[][] {
  if ('positions' in points) return points.positions.map((p) => [...p]);
  const [first, last] = points.xRangeM ?? [0, gridExtent(model, 0)];
  if (points.count === 1) return [[(first + last) / 2, points.depthM]];
  // Interpolate from both ends so the last point is exactly `last`: `first + i * dx` can land
  // a rounding error past the grid's edge (4000.0000000000005 for 16 points over 4 km).
  const n = points.count - 1;
  return Array.from({ length: points.count }, (_, i) => [
    i === n ? last : (first * (n - i) + last * i) / n,
    points.depthM,
  ]);
}

/**
 * The per-shot aperture and geometry fields of the task file's acquisition, those the spec sets.
 * With `receiversFollowSource`, the expanded receivers are offsets from each shot's source.
 *
 * @example
 * perShotGeometry({ apertureM: 5000, receiversFollowSource: true, ... }) // { apertureM: 5000, receiversFollowSource: true }
 */
export function perShotGeometry(
  acquisition: RunSpec['acquisition'],
): Pick<RunSpec['acquisition'], 'apertureM' | 'receiversFollowSource' | 'geometryFromData'> {
  const { apertureM, receiversFollowSource, geometryFromData } = acquisition;
  return {
    ...(apertureM === undefined ? {} : { apertureM }),
    ...(receiversFollowSource ? { receiversFollowSource } : {}),
    ...(geometryFromData ? { geometryFromData } : {}),
  };
}
