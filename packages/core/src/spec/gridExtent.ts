/** A model grid: points per axis and their spacing in metres. */
export interface GridAxes {
  readonly shape: readonly number[];
  readonly spacing: readonly number[];
}

/**
 * The grid's length along `axis` in metres, from its first point to its last (origin 0).
 *
 * @example
 * gridExtent({ shape: [101, 51], spacing: [10, 10] }, 0) // 1000
 */
export function gridExtent(grid: GridAxes, axis: number): number {
  return ((grid.shape[axis] ?? 1) - 1) * (grid.spacing[axis] ?? 0);
}
