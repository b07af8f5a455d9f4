"""``born-norm``: ``||P J g||²`` of one shot for a direction ``g`` (exact LS-RTM line search),
``P`` the task file's data preprocessing (``processing/data.py``), as in the gradient."""

from __future__ import annotations

import numpy as np

from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.tasks.aperture import job_frame
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.imaging_data import data_map
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.scalar_output import write_scalar
from seisless_compute.tasks.shot_solver import build_solver, solver_timings

__all__ = ["born_norm", "run"]


def born_norm(ctx: JobContext, solver, inputs: dict, positions: ShotPositions) -> float:
    """``||P J g||²`` (``||J g||²`` without preprocessing)."""
    vp, direction = inputs["velocity"], inputs["direction"]
    preprocess = data_map(ctx, solver, vp, positions)
    if preprocess is None:
        return float(solver.born_norm(vp, direction))
    record = preprocess.apply(solver.born(vp, direction)).astype(np.float64)
    return float(np.sum(record * record))


def run(ctx: JobContext) -> dict:
    """Compute ``||P J g||²`` with ``g = inputs.direction`` and write ``outputs.scalar``."""
    inputs = read_inputs(ctx, ("velocity", "direction"))
    frame = job_frame(ctx, inputs)  # the shot's window of the model (tasks/aperture.py)
    inputs = frame.crop_inputs(inputs)
    solver = build_solver(ctx, frame)
    with ctx.watch.phase("compute"):
        value = born_norm(ctx, solver, inputs, frame.positions)
    write_scalar(ctx, value)
    return {**solver_timings(solver), "value": value}
