"""``born-norm``: ``||P J g||²`` of one shot for a direction ``g`` (exact LS-RTM line search),
``P`` the task file's data preprocessing (``processing/data.py``), as in the gradient."""

from __future__ import annotations

import numpy as np

from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.imaging_data import data_map
from seisless_compute.tasks.scalar_output import run_scalar_job

__all__ = ["born_norm", "run"]


def born_norm(ctx: JobContext, solver, inputs: dict, *,
              positions: ShotPositions | None = None) -> float:
    """``||P J g||²`` (``||J g||²`` without preprocessing); ``positions``: the shot's, in the
    solver's frame (default: the task file's)."""
    vp, direction = inputs["velocity"], inputs["direction"]
    with ctx.watch.part("preprocess"):
        preprocess = data_map(ctx, solver, vp, positions=positions)
    if preprocess is None:
        return float(solver.born_norm(vp, direction))
    record = solver.born(vp, direction)
    with ctx.watch.part("preprocess"):
        record = preprocess.apply(record).astype(np.float64)
        return float(np.sum(record * record))


def run(ctx: JobContext) -> dict:
    """Compute ``||P J g||²`` with ``g = inputs.direction`` and write ``outputs.scalar``."""
    value, timings = run_scalar_job(ctx, ("velocity", "direction"), born_norm)
    return {**timings, "value": value}
