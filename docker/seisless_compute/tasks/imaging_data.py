"""The data a shot's imaging fits: the observed record on the solver's axis, minus the
background's modelled record when the task file asks for reflections, preprocessed.

The background record ``F(m0)`` (``inputs.backgroundData``) is modelled once per shot: the first
job of the shot that needs it models and stores it (with its sidecar), later jobs read it. The
background never changes during a run, so every job computes the same record and a repeated
write is harmless.
"""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.io.arrays import write_array, write_json
from seisless_compute.io.observed import ShotRecord, read_shot_record, sidecar_key
from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.processing.data import DataMap
from seisless_compute.tasks.aperture import job_frame
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.shot_solver import check_finite, observed_on_axis

__all__ = ["background_record", "data_map", "imaging_data"]


def data_map(ctx: JobContext, solver, vp: np.ndarray, *,
             positions: ShotPositions | None = None) -> DataMap | None:
    """The task file's preprocessing ``P`` on the axis ``solver`` uses with ``vp`` (``None``
    when it declares none); ``positions`` default to the shot's (``tasks/aperture.py``)."""
    if ctx.spec.preprocessing.is_identity:
        return None
    if positions is None:
        positions = job_frame(ctx).positions
    dt_ms, nt = solver.time_axis(vp)
    return DataMap(ctx.spec.preprocessing, dt_ms=dt_ms, nt=nt, source=positions.source,
                   receivers=positions.receivers)


def _stored(ctx: JobContext, key: str, receiver_count: int) -> dict:
    try:
        record = read_shot_record(ctx.store, key, receiver_count)
    except InputError as error:
        if str(error.received).startswith("no such object"):
            return {}
        raise
    return {"data": record.data, "dt_ms": record.dt_ms}


def background_record(ctx: JobContext, solver, vp: np.ndarray, *,
                      receiver_count: int) -> np.ndarray:
    """``F(m0)`` of the job's shot on the solver's axis: read, or modelled and stored (rank 0)."""
    key = ctx.input_key("backgroundData")
    stored = ctx.ranks.share(lambda: _stored(ctx, key, receiver_count))
    if stored:
        with ctx.watch.part("resample"):
            return observed_on_axis(solver, vp, ShotRecord(stored["data"], stored["dt_ms"]))
    record, _ = solver.forward(vp)
    if ctx.ranks.is_root:
        dt_ms, nt = solver.time_axis(vp)
        # Sent while the job computes on (the job's next write, or its end, waits for it): the
        # record, then the sidecar that makes it usable.
        write_array(ctx.store, key, check_finite(record, ctx.store.url(key)), later=True)
        write_json(ctx.store, sidecar_key(key), {"dtMs": dt_ms, "nt": nt}, later=True)
    return record


def imaging_data(ctx: JobContext, solver, inputs: dict, *,
                 positions: ShotPositions | None = None) -> tuple[np.ndarray, DataMap | None]:
    """``(P (d_obs - F(m0)), P)``: the record the objective compares the modelled data with
    (``d_obs`` alone without ``inputs.backgroundData``; ``P`` the identity, ``None``, without
    preprocessing) and the map to apply to the modelled data."""
    vp = inputs["velocity"]
    with ctx.watch.part("resample"):
        d = observed_on_axis(solver, vp, ShotRecord(inputs["data"], inputs["data_dt_ms"]))
    if ctx.input_key("backgroundData") is not None:
        d = d - background_record(ctx, solver, vp, receiver_count=d.shape[1])
    with ctx.watch.part("preprocess"):
        preprocess = data_map(ctx, solver, vp, positions=positions)
        return (d if preprocess is None else preprocess.apply(d)), preprocess
