import { chunkCount } from '../npy/chunks';
import { WINDOW_MULTIPLE } from '../preflight/apertureWindow';
import type { TaskFile } from '../spec/taskFile';

/**
 * The chunks `[first, end)` of one shot's gradient that may hold anything but zeros: those its
 * aperture window touches. The reducer expects a shot's messages for exactly these chunks.
 */
export type ShotChunks = readonly [number, number];

type Sections = Pick<TaskFile, 'grid' | 'acquisition'>;

/**
 * A shot's source and receivers, as the job models them (`shot_positions`,
 * docker/seisless_compute/tasks/shot_geometry.py): receivers following the source are offsets
 * along the lateral axes; with `maxOffsetM` only those within it horizontally are kept.
 */
function shotPoints(acquisition: Sections['acquisition'], shot: number): number[][] {
  const source = acquisition.sources[shot];
  if (source === undefined) throw new RangeError(`shot ${shot}: no source in the task file`);
  const lateral = source.length - 1;
  let receivers = acquisition.receivers.map((r) =>
    acquisition.receiversFollowSource
      ? r.map((v, axis) => (axis < lateral ? v + (source[axis] ?? 0) : v))
      : r,
  );
  const offset = acquisition.maxOffsetM;
  if (offset !== undefined) {
    receivers = receivers.filter(
      (r) =>
        Math.hypot(...r.slice(0, lateral).map((v, axis) => v - (source[axis] ?? 0))) <=
        offset * (1 + 1e-12) + 1e-9,
    );
  }
  return [source, ...receivers];
}

/** `[start, width]` in points covering `[lowM, highM]` on one axis (`_axis_window` of aperture.py). */
function axisWindow(
  lowM: number,
  highM: number,
  origin: number,
  spacing: number,
  points: number,
): [number, number] {
  const first = Math.floor((lowM - origin) / spacing + 1e-9);
  const last = Math.ceil((highM - origin) / spacing - 1e-9);
  const needed = last - first + 1;
  const width = Math.ceil(needed / WINDOW_MULTIPLE) * WINDOW_MULTIPLE;
  if (width >= points) return [0, points];
  const start = first - Math.floor((width - needed) / 2);
  return [Math.min(Math.max(start, 0), points - width), width];
}

/**
 * The lateral window shot `shot` is modelled on (`shot_frame` of aperture.py): per lateral axis
 * `[start, width]` in points.
 */
export function shotWindow(sections: Sections, shot: number, apertureM: number): [number, number][] {
  const { shape, spacing } = sections.grid;
  const points = shotPoints(sections.acquisition, shot);
  return shape.slice(0, -1).map((n, axis) => {
    const values = points.map((p) => p[axis] ?? 0);
    const origin = sections.grid.origin?.[axis] ?? 0;
    return axisWindow(
      Math.min(...values) - apertureM,
      Math.max(...values) + apertureM,
      origin,
      spacing[axis] ?? 1,
      n,
    );
  });
}

/**
 * The chunks a lateral window touches in the C-ordered gradient: every element from the window's
 * first to its last is in them (in 3D that is also the points between its y-rows, a superset).
 */
export function windowChunks(
  shape: readonly number[],
  window: readonly [number, number][],
  chunkSize: number,
): ShotChunks {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const firstElement = window.reduce((sum, [start], axis) => sum + start * (strides[axis] ?? 0), 0);
  const lastElement =
    window.reduce((sum, [start, width], axis) => sum + (start + width - 1) * (strides[axis] ?? 0), 0) +
    (shape[shape.length - 1] ?? 1);
  return [Math.floor(firstElement / chunkSize), Math.ceil(lastElement / chunkSize)];
}

/**
 * Each batch shot's {@link ShotChunks}, from the task file's grid and acquisition; undefined when
 * every shot covers every chunk (no `apertureM`, or positions that only the records hold).
 *
 * @example
 * gradientCoverage(task, [0, 5], 8192) // [[0, 9], [4, 13]]
 */
export function gradientCoverage(
  sections: Sections,
  shots: readonly number[],
  chunkSize: number,
): ShotChunks[] | undefined {
  const aperture = sections.acquisition.apertureM;
  if (aperture === undefined || sections.acquisition.geometryFromData) return undefined;
  const shape = sections.grid.shape;
  const all = chunkCount(shape, chunkSize);
  const ranges = shots.map((shot) => windowChunks(shape, shotWindow(sections, shot, aperture), chunkSize));
  return ranges.every(([first, end]) => first === 0 && end === all) ? undefined : ranges;
}

/** How many shots each chunk expects (0: no shot's window touches it). */
export function chunkShotCounts(
  coverage: readonly ShotChunks[] | undefined,
  batchSize: number,
  chunks: number,
): number[] {
  if (coverage === undefined) return Array.from({ length: chunks }, () => batchSize);
  const counts = Array.from({ length: chunks }, () => 0);
  for (const [first, end] of coverage) for (let c = first; c < end; c++) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

/** The chunks of batch position `position`: its range, or every chunk without a coverage. */
export function positionChunks(
  coverage: readonly ShotChunks[] | undefined,
  position: number,
  chunks: number,
): ShotChunks {
  return coverage?.[position] ?? [0, chunks];
}
