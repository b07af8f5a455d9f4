"""The solver of one shot, built from the task file, and the observed data on its time axis."""

from __future__ import annotations

import dataclasses

import numpy as np

from seisless_compute.errors import SeislessError
from seisless_compute.io.anisotropy import to_solver
from seisless_compute.io.observed import ShotRecord
from seisless_compute.io.shared_operators import BucketOperators
from seisless_compute.tasks.aperture import ShotFrame, job_frame
from seisless_compute.tasks.context import JobContext

__all__ = ["build_solver", "check_finite", "observed_on_axis", "solver_timings"]


def build_solver(ctx: JobContext, frame: ShotFrame | None = None, inputs: dict | None = None):
    """An ``AcousticSolver`` for the job's shot, or a ``TTISolver`` with ``physics.kind`` 'tti'
    (the import of Devito is timed as ``import``), whose compiled operators are shared through
    the bucket (``cache/operators/``).

    ``frame``: the shot's window and positions (``tasks.aperture.job_frame``); by default the
    task file's geometry of the shot. ``inputs``: the job's inputs cropped to the frame (TTI:
    their ``epsilon``, ``delta``, ``theta``, ``phi`` in degrees, ``tasks.inputs.read_inputs``).

    Returns
    -------
    seisless_compute.solvers.AcousticSolver or seisless_compute.solvers.TTISolver
    """
    with ctx.watch.phase("import"):
        from seisless_compute import solvers
    # Under MPI every rank has its own operators and only rank 0 may touch S3: no sharing.
    shared = BucketOperators(ctx.store) if ctx.ranks.size == 1 else None
    spec, acquisition = ctx.spec, ctx.spec.acquisition
    frame = job_frame(ctx) if frame is None else frame
    with ctx.watch.phase("setup"):
        grid = solvers.Grid(frame.grid.shape, frame.grid.spacing, frame.grid.origin)
        geometry = solvers.ShotGeometry(
            source=np.asarray(frame.positions.source, dtype=np.float64),
            receivers=np.asarray(frame.positions.receivers, dtype=np.float64),
            recording_time_ms=acquisition.recording_time_ms,
            peak_frequency_hz=acquisition.peak_frequency_hz,
        )
        options = {
            "space_order": spec.physics.space_order, "nbl": spec.physics.nbl,
            "checkpointing": spec.physics.checkpointing, "cache_dir": ctx.config.cache_dir,
            "vp_max": spec.physics.vp_max_kms, "shared_operators": shared,
            "wavefield_subsampling": spec.physics.wavefield_subsampling,
            "illumination": spec.task == "gradient" and spec.preconditioning.needs_illumination,
        }
        if spec.task == "gradient" and spec.physics.kind != "tti":
            options["muted_rows"] = _muted_rows(spec, frame, inputs)
        if spec.physics.kind != "tti":
            return solvers.AcousticSolver(grid, geometry, **options)
        if inputs is None or "epsilon" not in inputs:
            raise SeislessError(f"{spec.source}:physics.kind", "'tti' without TTI parameters",
                                "inputs epsilon, delta, theta (phi) read with the velocity")
        return solvers.TTISolver(grid, geometry, anisotropy=to_solver(inputs), **options)


def observed_on_axis(solver, vp: np.ndarray, record: ShotRecord) -> np.ndarray:
    """The observed record resampled onto the time axis ``solver`` uses with ``vp``."""
    from seisless_compute.solvers import resample

    dt_ms, nt = solver.time_axis(vp)
    return resample(record.data, dt_in_ms=record.dt_ms, dt_out_ms=dt_ms, nt_out=nt)


def check_finite(array: np.ndarray, subject: str) -> np.ndarray:
    """Refuse to write a result holding NaN or infinite values (an unstable simulation)."""
    if not np.isfinite(array).all():
        raise SeislessError(subject, "NaN or infinite values",
                            "a finite result (check the velocity model and the time step)")
    return array


def solver_timings(solver) -> dict:
    """The solver's accumulated timings as fields of the timings JSON."""
    timings = dataclasses.asdict(solver.timings)
    try:
        dt_ms, nt = solver.dt_ms, solver.nt
    except RuntimeError:  # no operator ran
        dt_ms, nt = None, None
    return {**timings, "dt_ms": dt_ms, "nt": nt}


def _muted_rows(spec, frame: ShotFrame, inputs: dict | None) -> int:
    """The rows at the top of the shot's grid its gradient's water mute zeroes in every column
    (``tasks/shot_preconditioning.py`` applies it, at the same velocity), 0 without a mute."""
    mute = spec.preconditioning.water_mute
    if mute is None or inputs is None or "velocity" not in inputs:
        return 0
    from seisless_compute.processing.precondition import muted_rows

    return muted_rows(inputs["velocity"], mute, dz=frame.grid.spacing[-1],
                      z0=frame.grid.origin[-1])
