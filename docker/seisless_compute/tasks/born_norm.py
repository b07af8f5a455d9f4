"""``born-norm``: ``||J g||²`` of one shot for a direction ``g`` (exact LS-RTM line search)."""

from __future__ import annotations

import numpy as np

from seisless_compute.io.arrays import write_json
from seisless_compute.io.retention import SCRATCH_TAGGING
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.shot_solver import (
    build_solver,
    check_finite,
    solver_timings,
)

__all__ = ["run"]


def run(ctx: JobContext) -> dict:
    """Compute ``||J g||²`` with ``g = inputs.direction`` and write ``outputs.scalar``."""
    inputs = read_inputs(ctx, ("velocity", "direction"))
    solver = build_solver(ctx)
    with ctx.watch.phase("compute"):
        value = float(solver.born_norm(inputs["velocity"], inputs["direction"]))
    if ctx.ranks.is_root:
        key = ctx.output_key("scalar")
        check_finite(np.asarray(value), ctx.store.url(key))
        with ctx.watch.phase("write"):
            # Scratch: the line search sums the trial's scalars into its state, then never reads them.
            write_json(ctx.store, key, {"shot": ctx.shot, "value": value}, tagging=SCRATCH_TAGGING)
    return {**solver_timings(solver), "value": value}
