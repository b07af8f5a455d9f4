"""``objective``: the misfit of one shot at a trial point ``m + step · direction`` (line search)."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.io.arrays import VELOCITY_RANGE, write_json
from seisless_compute.io.observed import ShotRecord
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.shot_solver import (
    build_solver,
    check_finite,
    observed_on_axis,
    solver_timings,
)

__all__ = ["evaluate", "run"]


def _trial_velocity(ctx: JobContext, inputs: dict) -> np.ndarray:
    vp = inputs["velocity"]
    if ctx.spec.trial is None:
        return vp
    trial = vp + np.float32(ctx.spec.trial.step) * inputs["trial_direction"]
    low, high = VELOCITY_RANGE
    if not (low <= trial.min() and trial.max() <= high):
        raise InputError(f"{ctx.spec.source}:trial",
                         f"trial velocities from {trial.min():.4g} to {trial.max():.4g} km/s",
                         f"a step keeping velocities between {low} and {high} km/s")
    return trial


def evaluate(ctx: JobContext, solver, inputs: dict) -> float:
    """``0.5 ||F(m) - d||²`` (FWI, trial on the velocity) or ``0.5 ||J dm - d||²`` (LS-RTM/RTM,
    trial on the image ``dm``)."""
    record = ShotRecord(inputs["data"], inputs["data_dt_ms"])
    if ctx.spec.algorithm == "fwi":
        vp = _trial_velocity(ctx, inputs)
        return float(solver.objective(vp, observed_on_axis(solver, vp, record)))
    vp, dm = inputs["velocity"], inputs["image"]
    if ctx.spec.trial is not None:
        dm = dm + np.float32(ctx.spec.trial.step) * inputs["trial_direction"]
    d_obs = observed_on_axis(solver, vp, record)
    residual = solver.born(vp, dm).astype(np.float64) - d_obs
    return 0.5 * float(np.sum(residual * residual))


def run(ctx: JobContext) -> dict:
    """Evaluate and write ``outputs.scalar``: ``{"shot", "value"}``."""
    names = ("velocity", "data", "trial")
    if ctx.spec.algorithm != "fwi":
        names += ("image",)
    inputs = read_inputs(ctx, names)
    solver = build_solver(ctx)
    with ctx.watch.phase("compute"):
        value = evaluate(ctx, solver, inputs)
    if ctx.ranks.is_root:
        key = ctx.output_key("scalar")
        check_finite(np.asarray(value), ctx.store.url(key))
        with ctx.watch.phase("write"):
            write_json(ctx.store, key, {"shot": ctx.shot, "value": value})
    return {**solver_timings(solver), "objective": value}
