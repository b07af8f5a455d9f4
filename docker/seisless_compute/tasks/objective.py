"""``objective``: the misfit of one shot at a trial point ``m + step · direction`` (line search)."""

from __future__ import annotations

import numpy as np

from seisless_compute.io.arrays import VELOCITY_RANGE
from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.imaging_data import imaging_data
from seisless_compute.tasks.scalar_output import run_scalar_job

__all__ = ["evaluate", "run", "trial_velocity"]


def trial_velocity(vp: np.ndarray, direction: np.ndarray, *, step: float,
                   bounds: tuple[float, float] | None) -> np.ndarray:
    """FWI trial model: ``m = 1/vp² + step · direction`` in squared slowness (the gradient's
    space), mapped back to km/s and clipped to ``bounds`` (as the iterator's update does)."""
    low, high = bounds or VELOCITY_RANGE
    m = 1.0 / vp.astype(np.float64) ** 2 + step * direction.astype(np.float64)
    m = np.maximum(m, 1.0 / high**2)
    return np.clip(1.0 / np.sqrt(m), low, high).astype(np.float32)


def evaluate(ctx: JobContext, solver, inputs: dict, *,
             positions: ShotPositions | None = None) -> float:
    """``0.5 ||F(m) - d||²`` (FWI, trial in squared slowness) or ``0.5 ||J dm - d||²``
    (LS-RTM/RTM, trial on the image ``dm``), with ``d`` and the modelled data preprocessed
    alike (``tasks/imaging_data.py``)."""
    trial = ctx.spec.trial
    if ctx.spec.algorithm == "fwi":
        vp = inputs["velocity"]
        if trial is not None:
            vp = trial_velocity(vp, inputs["trial_direction"], step=trial.step,
                                bounds=trial.bounds)
        d_obs, data_map = imaging_data(ctx, solver, {**inputs, "velocity": vp},
                                       positions=positions)
        modelled = solver.forward(vp)[0]
    else:
        vp, dm = inputs["velocity"], inputs["image"]
        if trial is not None:
            dm = dm + np.float32(trial.step) * inputs["trial_direction"]
        d_obs, data_map = imaging_data(ctx, solver, inputs, positions=positions)
        modelled = solver.born(vp, dm)
    if data_map is not None:
        modelled = data_map.apply(modelled)
    residual = modelled.astype(np.float64) - d_obs
    return 0.5 * float(np.sum(residual * residual))


def run(ctx: JobContext) -> dict:
    """Evaluate and write ``outputs.scalar``: ``{"shot", "value"}``."""
    names = ("velocity", "data", "trial")
    if ctx.spec.algorithm != "fwi":
        names += ("image",)
    value, timings = run_scalar_job(ctx, names, evaluate)
    return {**timings, "objective": value}
