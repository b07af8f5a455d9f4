"""``born-norm``: ``||J g||²`` of one shot for a direction ``g`` (exact LS-RTM line search)."""

from __future__ import annotations

from seisless_compute.tasks.aperture import job_frame
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.scalar_output import write_scalar
from seisless_compute.tasks.shot_solver import build_solver, solver_timings

__all__ = ["run"]


def run(ctx: JobContext) -> dict:
    """Compute ``||J g||²`` with ``g = inputs.direction`` and write ``outputs.scalar``."""
    inputs = read_inputs(ctx, ("velocity", "direction"))
    frame = job_frame(ctx, inputs)  # the shot's window of the model (tasks/aperture.py)
    inputs = frame.crop_inputs(inputs)
    solver = build_solver(ctx, frame)
    with ctx.watch.phase("compute"):
        value = float(solver.born_norm(inputs["velocity"], inputs["direction"]))
    write_scalar(ctx, value)
    return {**solver_timings(solver), "value": value}
