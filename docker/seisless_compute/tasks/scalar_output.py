"""The one-number result of a line-search trial (``objective``, ``born-norm``) and the flow both
jobs share: read, crop to the shot's window, solve, write the scalar."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from seisless_compute.io.arrays import write_json
from seisless_compute.io.retention import SCRATCH_TAGGING
from seisless_compute.tasks.aperture import job_frame
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.shot_solver import (
    build_solver,
    check_finite,
    solver_timings,
)

__all__ = ["ScalarOfShot", "run_scalar_job", "write_scalar"]

#: ``(ctx, solver, inputs, *, positions) -> value``: a trial's number for one shot.
ScalarOfShot = Callable[..., float]


def write_scalar(ctx: JobContext, value: float) -> None:
    """Write ``outputs.scalar`` as ``{"shot", "value"}`` from rank 0, refusing a non-finite
    value."""
    if not ctx.ranks.is_root:
        return
    key = ctx.output_key("scalar")
    check_finite(np.asarray(value), ctx.store.url(key))
    with ctx.watch.phase("write"):
        # Scratch: the line search sums the trial's scalars into its state, then never reads them.
        write_json(ctx.store, key, {"shot": ctx.shot, "value": value}, tagging=SCRATCH_TAGGING)


def run_scalar_job(ctx: JobContext, names: tuple[str, ...],
                   compute: ScalarOfShot) -> tuple[float, dict]:
    """Run a line-search trial's job: read the inputs ``names``, crop them to the shot's window
    (``tasks/aperture.py``), evaluate ``compute`` on the window's solver and positions, and
    write ``outputs.scalar``.

    Returns
    -------
    value : float
        What ``compute`` returned.
    timings : dict
        The solver's timings fields.
    """
    inputs = read_inputs(ctx, names)
    frame = job_frame(ctx, inputs)
    inputs = frame.crop_inputs(inputs)
    solver = build_solver(ctx, frame, inputs)
    with ctx.watch.phase("compute"):
        value = compute(ctx, solver, inputs, positions=frame.positions)
    write_scalar(ctx, value)
    return value, solver_timings(solver)
