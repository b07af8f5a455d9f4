"""One shot's source and receivers in the model's frame: shared receivers, a streamer that
follows the source, or the positions its record carries (SEG-Y headers, ``.npy`` sidecar); with
a limited offset, only the receivers within ``maxOffsetM`` of the source (horizontally)."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import ValidationError
from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.io.sections import AcquisitionSpec, GridSpec

__all__ = ["ShotPositions", "shot_positions", "within_offset"]


def within_offset(source: np.ndarray, receivers: np.ndarray, max_offset_m: float) -> np.ndarray:
    """The receivers whose horizontal distance (x, and y in 3D) from ``source`` is at most
    ``max_offset_m``, in their order."""
    lateral = receivers[:, :-1] - source[None, :-1]
    return receivers[np.hypot.reduce(lateral, axis=1) <= max_offset_m * (1 + 1e-12) + 1e-9]


def _check_inside(grid: GridSpec, points: np.ndarray, *, subject: str, what: str) -> None:
    low = np.asarray(grid.origin)
    high = low + (np.asarray(grid.shape) - 1) * np.asarray(grid.spacing)
    outside = np.flatnonzero(~np.all((points >= low - 1e-6) & (points <= high + 1e-6), axis=1))
    if outside.size:
        index = int(outside[0])
        raise ValidationError(subject, f"{what} {index} at {points[index].round(3).tolist()} m",
                              f"a point inside the grid, {low.tolist()} to {high.tolist()}")


def shot_positions(acquisition: AcquisitionSpec, grid: GridSpec, shot: int, *,
                   recorded: ShotPositions | None = None, where: str = "acquisition",
                   ) -> ShotPositions:
    """The geometry shot ``shot`` is modelled with.

    Parameters
    ----------
    acquisition, grid : AcquisitionSpec, GridSpec
        The task file's sections.
    shot : int
        The shot id (index into ``acquisition.sources``).
    recorded : ShotPositions, optional
        The positions the shot's record carries; required when ``geometry_from_data``.
    where : str
        Prefix of error subjects (the task file's name and section).

    Raises
    ------
    ValidationError
        A receiver (or recorded source) outside the grid, or no recorded geometry when the
        task file asks for it.
    """
    if acquisition.geometry_from_data:
        if recorded is None:
            raise ValidationError(f"{where}.geometryFromData", "true without a recorded shot",
                                  "observed records in the bucket (SEG-Y headers or sidecars)")
        positions, subject = recorded, f"shot {shot}'s record"
    else:
        source = np.asarray(acquisition.sources[shot], dtype=np.float64)
        receivers = np.asarray(acquisition.receivers, dtype=np.float64)
        if acquisition.receivers_follow_source:
            lateral = np.zeros_like(source)
            lateral[:-1] = source[:-1]  # offsets along x (and y); depths stay as given
            receivers = receivers + lateral
        if acquisition.max_offset_m is not None:
            receivers = within_offset(source, receivers, acquisition.max_offset_m)
            if len(receivers) == 0:
                raise ValidationError(f"{where}.maxOffsetM", f"{acquisition.max_offset_m} m "
                                      f"leaves shot {shot} at {source.tolist()} m no receiver",
                                      "an offset reaching at least one receiver of every shot")
        positions, subject = ShotPositions(source, receivers), f"{where}.receivers"
    _check_inside(grid, positions.source[None, :], subject=subject, what="source")
    _check_inside(grid, positions.receivers, subject=subject, what=f"shot {shot}'s receiver")
    return positions

