"""Observed shot records: ``.npy`` with a JSON sidecar, or SEG-Y (``docs/contracts/jobs.md``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.io.arrays import read_array, read_json
from seisless_compute.io.segy import is_segy_key, read_segy_shot
from seisless_compute.io.storage import S3Store

__all__ = ["ShotRecord", "read_shot_record", "sidecar_key"]


@dataclass(frozen=True)
class ShotRecord:
    """A shot record ``data`` (float32 ``[nt, nrec]``) sampled every ``dt_ms``."""

    data: np.ndarray
    dt_ms: float


def sidecar_key(data_key: str) -> str:
    """The sidecar of ``…/shot-4.npy``: ``…/shot-4.json``."""
    stem = data_key.removesuffix(".npy")
    return stem + ".json"


def _sidecar_dt(store: S3Store, key: str, nt: int) -> float:
    sidecar = read_json(store, sidecar_key(key))
    dt_ms = sidecar.get("dtMs")
    if not isinstance(dt_ms, int | float) or isinstance(dt_ms, bool) or not dt_ms > 0:
        raise InputError(store.url(sidecar_key(key)) + ":dtMs", repr(dt_ms), "a positive number")
    if sidecar.get("nt", nt) != nt:
        raise InputError(store.url(sidecar_key(key)) + ":nt", repr(sidecar.get("nt")),
                         f"{nt}, the record's number of samples")
    return float(dt_ms)


def read_shot_record(store: S3Store, key: str, receiver_count: int) -> ShotRecord:
    """Read a shot record and check it has one trace per receiver of the task file.

    Parameters
    ----------
    store : S3Store
        The run's bucket.
    key : str
        ``.npy`` (sidecar ``.json`` beside it holding ``dtMs``) or ``.segy``/``.sgy``.
    receiver_count : int
        Number of receivers in ``acquisition.receivers``.
    """
    if is_segy_key(key):
        data, dt_ms = read_segy_shot(store.get(key), store.url(key))
    else:
        data = read_array(store, key)
        if data.ndim != 2:
            raise InputError(store.url(key), f"shape {list(data.shape)}", "a [nt, nrec] record")
        dt_ms = _sidecar_dt(store, key, data.shape[0])
    if data.shape[1] != receiver_count:
        raise InputError(store.url(key), f"{data.shape[1]} traces",
                         f"{receiver_count} traces, one per acquisition.receivers")
    return ShotRecord(data, dt_ms)
