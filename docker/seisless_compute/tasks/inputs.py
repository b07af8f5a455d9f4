"""Reading a per-shot task's inputs on rank 0 and sharing them with every rank."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import ValidationError
from seisless_compute.io.arrays import read_array, read_velocity
from seisless_compute.io.observed import read_shot_record
from seisless_compute.io.record_geometry import read_record_positions
from seisless_compute.tasks.context import JobContext

__all__ = ["read_inputs"]


def _one(ctx: JobContext, name: str) -> dict:
    store, shape = ctx.store, ctx.grid_shape
    if name in ("velocity", "background"):  # background: Born-modelled observed data's m0
        return {name: read_velocity(store, ctx.input_key(name), shape)}
    if name == "image":  # LS-RTM's current image; the first iteration may start from zeros
        key = ctx.input_key("image")
        return {"image": np.zeros(shape, np.float32) if key is None else read_array(store, key, shape)}
    if name == "direction":
        return {"direction": read_array(store, ctx.input_key("direction"), shape)}
    if name == "trial":
        if ctx.spec.trial is None:
            return {}
        return {"trial_direction": read_array(store, ctx.spec.trial.direction, shape)}
    if name == "data":
        key, acquisition = ctx.input_key("data"), ctx.spec.acquisition
        if acquisition.geometry_from_data:  # each shot its own receivers, from its record
            positions = read_record_positions(store, key, len(shape))
            record = read_shot_record(store, key, len(positions.receivers))
            return {"data": record.data, "data_dt_ms": record.dt_ms, "data_positions": positions}
        record = read_shot_record(store, key, len(acquisition.receivers))
        return {"data": record.data, "data_dt_ms": record.dt_ms}
    raise ValidationError(f"{ctx.spec.source}:inputs", repr(name), "a known input")


def read_inputs(ctx: JobContext, names: tuple[str, ...]) -> dict:
    """Read the named inputs (rank 0) and give them to every rank.

    Parameters
    ----------
    ctx : JobContext
        The job.
    names : tuple of str
        Any of ``velocity``, ``background``, ``image``, ``direction``, ``trial`` (``trial.direction`` when the
        task file has a ``trial``) and ``data`` (the observed record and its ``data_dt_ms``).

    Returns
    -------
    dict
        float32 arrays keyed by name, checked against the grid's shape.
    """
    def read() -> dict:
        values: dict = {}
        with ctx.watch.phase("read"):
            for name in names:
                values.update(_one(ctx, name))
        return values

    return ctx.ranks.share(read)
