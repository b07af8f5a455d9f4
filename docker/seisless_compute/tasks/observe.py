"""``observe``: the synthetic observed record of one shot, with its sidecar."""

from __future__ import annotations

import math

import numpy as np

from seisless_compute.io.arrays import write_array, write_json
from seisless_compute.io.observed import sidecar_key
from seisless_compute.tasks.aperture import job_frame
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.shot_solver import (
    build_solver,
    check_finite,
    solver_timings,
)

__all__ = ["born_inputs", "run"]


def born_inputs(true_vp: np.ndarray, background_vp: np.ndarray) -> dict:
    """Born modelling's inputs: the background velocity and ``dm = 1/vp² - 1/vp0²`` (s²/km²)."""
    dm = 1.0 / true_vp.astype(np.float64) ** 2 - 1.0 / background_vp.astype(np.float64) ** 2
    return {"velocity": background_vp, "image": dm.astype(np.float32)}


def run(ctx: JobContext) -> dict:
    """Model the shot in ``inputs.velocity`` and write ``outputs.data`` + ``shot-{shot}.json``.

    With ``observed.modelling = 'born'`` the record is the Born (linearized) record about
    ``inputs.background`` of ``m_true - m0`` (squared slowness): reflections only, the data
    LS-RTM inverts exactly.

    The record is ``float32 [nt, nrec]``, at ``acquisition.samplingMs`` when given (resampled,
    anti-aliased), else at the modelling step.
    """
    frame = job_frame(ctx)  # the shot's window of the model (tasks/aperture.py)
    born = ctx.spec.observed.modelling == "born"
    inputs = read_inputs(ctx, ("velocity", "background") if born else ("velocity",))
    if born:
        inputs = {**inputs, **born_inputs(inputs["velocity"], inputs["background"])}
        del inputs["background"]
    inputs = frame.crop_inputs(inputs)
    solver = build_solver(ctx, frame, inputs)
    with ctx.watch.phase("compute"):
        if born:
            record = solver.born(inputs["velocity"], inputs["image"])
        else:
            record, _ = solver.forward(inputs["velocity"])
        dt_ms, nt = solver.time_axis(inputs["velocity"])
        sampling = ctx.spec.acquisition.sampling_ms
        if sampling is not None:
            from seisless_compute.solvers import resample

            nt_out = math.floor(ctx.spec.acquisition.recording_time_ms / sampling + 1e-9) + 1
            record = resample(record, dt_in_ms=dt_ms, dt_out_ms=sampling, nt_out=nt_out)
            dt_ms, nt = sampling, nt_out
    if ctx.ranks.is_root:
        key = ctx.output_key("data")
        with ctx.watch.phase("write"):
            write_array(ctx.store, key, check_finite(record, ctx.store.url(key)))
            write_json(ctx.store, sidecar_key(key), {
                "dtMs": dt_ms, "nt": nt,
                "source": frame.model_positions.source.tolist(),
                "receivers": frame.model_positions.receivers.tolist(),
            })
    return solver_timings(solver)
