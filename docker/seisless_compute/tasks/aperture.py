"""Per-shot apertures: a job models only the lateral window covering its source and receivers
plus ``acquisition.apertureM`` (the absorbing layer is added outside the window), and embeds
its gradient back into the full grid, so the reduction, line search and report are unchanged.

The window keeps the model's full depth. Its width is rounded up to a multiple of
``WINDOW_MULTIPLE`` points and slid inside the model at its edges, so shots with similar spans
share one computational grid, hence one compiled operator; the window's grid keeps the model's
origin and the shot's positions move into its frame (the compile key holds shape and origin).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.io.sections import GridSpec
from seisless_compute.tasks.shot_geometry import shot_positions

__all__ = ["WINDOW_MULTIPLE", "ShotFrame", "job_frame", "shot_frame"]

#: Window widths are multiples of this many points (fewer distinct compiled operators).
WINDOW_MULTIPLE = 50

#: The grid-shaped inputs a task may hold (cropped to the window).
_GRID_INPUTS = ("velocity", "image", "direction", "trial_direction", "epsilon", "delta", "theta",
                "phi")


@dataclass(frozen=True, kw_only=True)
class ShotFrame:
    """The grid and positions one shot is modelled on, and the way back to the full grid.

    Attributes
    ----------
    grid : GridSpec
        The window's grid (the full grid without an aperture).
    positions : ShotPositions
        Source and receivers in the window's frame.
    model_positions : ShotPositions
        The same in the model's frame.
    full_shape : tuple of int
        The model's grid shape.
    start : tuple of int
        First index of the window along each lateral axis of the model.
    """

    grid: GridSpec
    positions: ShotPositions
    model_positions: ShotPositions
    full_shape: tuple[int, ...]
    start: tuple[int, ...]

    @property
    def cropped(self) -> bool:
        """Whether the window is smaller than the model."""
        return self.grid.shape != self.full_shape

    def chunks(self, chunk_size: int) -> tuple[int, int]:
        """The chunks ``[first, end)`` of the C-ordered full gradient the window touches.

        Every element from the window's first to its last is in them (in 3D also those between
        its y-rows, a superset); the whole model's chunks when the frame is not cropped. The
        reducer's ``windowChunks`` (``packages/core/src/reduction/coverage.ts``) computes the same.

        Parameters
        ----------
        chunk_size : int
            Elements per chunk (``reduction.chunkSize``).

        Examples
        --------
        >>> grid = GridSpec((50, 101), (10.0, 10.0), (0.0, 0.0))
        >>> frame = ShotFrame(grid=grid, positions=None, model_positions=None,
        ...                   full_shape=(401, 101), start=(100,))
        >>> frame.chunks(1000)
        (10, 16)
        """
        shape = self.full_shape
        strides = [math.prod(shape[axis + 1 :]) for axis in range(len(shape))]
        lateral = range(len(shape) - 1)
        first = sum(self.start[a] * strides[a] for a in lateral)
        last = sum((self.start[a] + self.grid.shape[a] - 1) * strides[a] for a in lateral)
        return first // chunk_size, -(-(last + shape[-1]) // chunk_size)

    def _window(self) -> tuple[slice, ...]:
        lateral = tuple(slice(s, s + n) for s, n in zip(self.start, self.grid.shape[:-1]))
        return (*lateral, slice(None))

    def crop(self, array: np.ndarray) -> np.ndarray:
        """A model-shaped array restricted to the window."""
        return np.ascontiguousarray(np.asarray(array)[self._window()])

    def embed(self, array: np.ndarray) -> np.ndarray:
        """A window-shaped array in the model's grid, zero outside the window (an empty array,
        as MPI ranks other than 0 get from the solver, stays empty)."""
        array = np.asarray(array, dtype=np.float32)
        if not self.cropped or array.size == 0:
            return array
        full = np.zeros(self.full_shape, dtype=np.float32)
        full[self._window()] = array
        return full

    def crop_inputs(self, inputs: dict) -> dict:
        """``inputs`` with every grid-shaped array cropped to the window."""
        if not self.cropped:
            return inputs
        return {k: self.crop(v) if k in _GRID_INPUTS else v for k, v in inputs.items()}


def _axis_window(low_m: float, high_m: float, *, origin: float, spacing: float,
                 points: int) -> tuple[int, int]:
    """``(start, width)`` in points covering ``[low_m, high_m]`` on one axis of the model."""
    first = math.floor((low_m - origin) / spacing + 1e-9)
    last = math.ceil((high_m - origin) / spacing - 1e-9)
    needed = last - first + 1
    width = math.ceil(needed / WINDOW_MULTIPLE) * WINDOW_MULTIPLE
    if width >= points:
        return 0, points
    start = first - (width - needed) // 2  # the rounding's extra points on both sides
    return min(max(start, 0), points - width), width


def shot_frame(grid: GridSpec, positions: ShotPositions, aperture_m: float | None) -> ShotFrame:
    """The frame of one shot: the full grid when ``aperture_m`` is None, else the lateral window
    spanning the source and receivers plus ``aperture_m`` on each side.

    Examples
    --------
    >>> grid = GridSpec((1001, 101), (10.0, 10.0), (0.0, 0.0))
    >>> shot = ShotPositions(np.array([5000.0, 10.0]), np.array([[4000.0, 10.0], [5000.0, 10.0]]))
    >>> frame = shot_frame(grid, shot, 1000.0)
    >>> frame.grid.shape, frame.start, frame.positions.source.tolist()
    ((350, 101), (276,), [2240.0, 10.0])
    """
    ndim = len(grid.shape)
    if aperture_m is None:
        return ShotFrame(grid=grid, positions=positions, model_positions=positions,
                         full_shape=grid.shape, start=(0,) * (ndim - 1))
    points = np.vstack([positions.source[None, :], positions.receivers])
    starts, widths = [], []
    for axis in range(ndim - 1):
        start, width = _axis_window(
            float(points[:, axis].min()) - aperture_m, float(points[:, axis].max()) + aperture_m,
            origin=grid.origin[axis], spacing=grid.spacing[axis], points=grid.shape[axis])
        starts.append(start)
        widths.append(width)
    shift = np.zeros(ndim)
    shift[:-1] = np.asarray(starts) * np.asarray(grid.spacing[:-1])
    local = ShotPositions(positions.source - shift, positions.receivers - shift)
    window = GridSpec((*widths, grid.shape[-1]), grid.spacing, grid.origin)
    return ShotFrame(grid=window, positions=local, model_positions=positions, full_shape=grid.shape,
                     start=tuple(starts))


def job_frame(ctx, inputs: dict | None = None) -> ShotFrame:
    """The frame of the job's shot (``ctx``: a ``JobContext``), from the task file and, when
    ``acquisition.geometryFromData``, the positions its record carries (``inputs``'s
    ``data_positions``)."""
    spec = ctx.spec
    positions = shot_positions(spec.acquisition, spec.grid, ctx.shot,
                               recorded=(inputs or {}).get("data_positions"),
                               where=f"{spec.source}:acquisition")
    return shot_frame(spec.grid, positions, spec.acquisition.aperture_m)
