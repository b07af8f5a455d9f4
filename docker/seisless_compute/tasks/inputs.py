"""Reading a per-shot task's inputs on rank 0 and sharing them with every rank."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import ValidationError
from seisless_compute.io.anisotropy import NAMES, read_anisotropy
from seisless_compute.io.arrays import read_array, read_velocity
from seisless_compute.io.observed import read_shot_record, sidecar_key
from seisless_compute.io.record_geometry import read_record_positions
from seisless_compute.io.segy import is_segy_key
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.shot_geometry import shot_positions

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
        count = len(acquisition.receivers)
        if acquisition.max_offset_m is not None:  # this shot's receivers only
            count = len(shot_positions(acquisition, ctx.spec.grid, ctx.shot).receivers)
        record = read_shot_record(store, key, count)
        return {"data": record.data, "data_dt_ms": record.dt_ms}
    raise ValidationError(f"{ctx.spec.source}:inputs", repr(name), "a known input")


def _record_keys(key: str | None) -> list[str]:
    """A shot record's objects: the ``.npy`` and its sidecar, or the SEG-Y file."""
    if key is None:
        return []
    return [key] if is_segy_key(key) else [key, sidecar_key(key)]


def _keys(ctx: JobContext, names: tuple[str, ...]) -> list[str]:
    """The objects reading ``names`` gets (in the order it gets them), and, when the job fits
    reflections, the shot's background record ``F(m0)``, which its computation reads next
    (``tasks/imaging_data.py``; absent until the shot's first job has modelled it)."""
    keys = []
    for name in names:
        if name == "trial":
            keys.append(None if ctx.spec.trial is None else ctx.spec.trial.direction)
        elif name == "data":
            keys += _record_keys(ctx.input_key("data"))
        else:
            keys.append(ctx.input_key(name))
    if ctx.spec.physics.kind == "tti":
        keys += [ctx.input_key(name) for name in NAMES]
    if "data" in names:
        keys += _record_keys(ctx.input_key("backgroundData"))
    return [key for key in keys if key is not None]


def _anisotropy(ctx: JobContext) -> dict:
    """TTI: the model's parameters (degrees), from ``inputs.epsilon``, ``delta``, ``theta`` and,
    in 3D, ``phi`` (absent: zero azimuth)."""
    names = NAMES if len(ctx.grid_shape) == 3 else NAMES[:3]
    keys = {name: ctx.input_key(name) for name in names}
    missing = [name for name in names[:3] if keys[name] is None]
    if missing:
        raise ValidationError(f"{ctx.spec.source}:inputs.{missing[0]}", "missing",
                              "the key of the model's TTI parameter (physics.kind 'tti')")
    values = read_anisotropy(ctx.store, {n: k for n, k in keys.items() if k is not None},
                             ctx.grid_shape)
    if len(names) == 4 and "phi" not in values:
        values["phi"] = np.zeros(ctx.grid_shape, np.float32)
    return values


def read_inputs(ctx: JobContext, names: tuple[str, ...]) -> dict:
    """Read the named inputs (rank 0) and give them to every rank.

    Parameters
    ----------
    ctx : JobContext
        The job.
    names : tuple of str
        Any of ``velocity``, ``background``, ``image``, ``direction``, ``trial`` (``trial.direction`` when the
        task file has a ``trial``) and ``data`` (the observed record and its ``data_dt_ms``).
        With ``physics.kind`` ``tti``, ``epsilon``, ``delta``, ``theta`` (and ``phi``) are
        read too (degrees).

    Returns
    -------
    dict
        float32 arrays keyed by name, checked against the grid's shape.
    """
    def read() -> dict:
        values: dict = {}
        with ctx.watch.phase("read"):
            ctx.store.prefetch(_keys(ctx, names))
            for name in names:
                values.update(_one(ctx, name))
            if ctx.spec.physics.kind == "tti":
                values.update(_anisotropy(ctx))
        return values

    return ctx.ranks.share(read)
