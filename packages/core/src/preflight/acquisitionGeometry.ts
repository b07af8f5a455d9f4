import { gridExtent } from '../spec/gridExtent';
import type { RunSpec } from '../spec/runSpec';
import { perShotGeometryIssues } from './perShotGeometry';

type Points = RunSpec['acquisition']['sources'];
type Side = 'sources' | 'receivers';

const AXES = ['x', 'y', 'z'];

/** Axis names of a 2D (`x, z`) or 3D (`x, y, z`) grid. */
function axisNames(ndim: number): string[] {
  return ndim === 2 ? ['x', 'z'] : AXES;
}

/** `x 0–1000 m, z 0–500 m`: the grid's extent (origin 0, as the task files place it). */
export function gridExtentText(model: RunSpec['model']): string {
  return axisNames(model.shape.length)
    .map((name, axis) => `${name} 0–${gridExtent(model, axis)} m`)
    .join(', ');
}

function inside(model: RunSpec['model'], point: readonly number[]): boolean {
  return point.every((c, axis) => c >= 0 && c <= gridExtent(model, axis) * (1 + 1e-12));
}

/**
 * One line per source or receiver outside the grid, naming its index, position and the grid's
 * extent. Generated points are checked by the ends of their ranges and their depth (every point
 * lies between).
 */
export function geometryIssues(spec: RunSpec): string[] {
  // Receivers that follow the source are offsets: checked shot by shot (perShotGeometry.ts).
  const sides = spec.acquisition.receiversFollowSource
    ? (['sources'] as const)
    : (['sources', 'receivers'] as const);
  return [
    ...sides.flatMap((side) => pointIssues(side, spec.acquisition[side], spec.model)),
    ...perShotGeometryIssues(spec),
  ];
}

/** `receiver 49` (a line's last point) or `the last receivers` (an areal grid's last row or column). */
function endPoints(count: number | readonly number[], end: number, what: string): string {
  if (typeof count === 'number') return `${what} ${end === 0 ? 0 : count - 1}`;
  return `the ${end === 0 ? 'first' : 'last'} ${what}s`;
}

const isAre = (count: number | readonly number[]) => (typeof count === 'number' ? 'is' : 'are');

function pointIssues(side: Side, points: Points, model: RunSpec['model']): string[] {
  const what = side === 'sources' ? 'shot' : 'receiver';
  const grid = gridExtentText(model);
  if ('positions' in points) {
    // Mismatched dimensions are the schema check's line (validateRunSpec).
    if (points.positions.some((p) => p.length !== model.shape.length)) return [];
    const outside = points.positions.flatMap((p, i) => (inside(model, p) ? [] : [i]));
    const lines = outside
      .slice(0, 5)
      .map(
        (i) =>
          `acquisition.${side}.positions.${i}: ${what} ${i} at ${JSON.stringify(points.positions[i])} m is outside the grid; expected ${grid}`,
      );
    if (outside.length > 5)
      lines.push(`acquisition.${side}.positions: ${outside.length - 5} more ${what}s outside the grid`);
    return lines;
  }
  const lines: string[] = [];
  const ndim = model.shape.length;
  const zMax = gridExtent(model, ndim - 1);
  if (points.depthM > zMax) {
    lines.push(
      `acquisition.${side}.depthM: ${points.depthM} m is below the grid; expected a depth within z 0–${zMax} m`,
    );
  }
  const ranges =
    ndim === 3
      ? ([
          ['x', 0, points.xRangeM],
          ['y', 1, points.yRangeM],
        ] as const)
      : ([['x', 0, points.xRangeM]] as const);
  for (const [name, axis, range] of ranges) {
    if (range === undefined) continue;
    const high = gridExtent(model, axis);
    range.forEach((c, end) => {
      if (c < 0 || c > high * (1 + 1e-12)) {
        lines.push(
          `acquisition.${side}.${name}RangeM.${end}: ${endPoints(points.count, end, what)} at ${name} ${c} m ${isAre(points.count)} outside the grid; expected ${name} within 0–${high} m (${grid})`,
        );
      }
    });
  }
  return lines;
}
