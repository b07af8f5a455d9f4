"""The geometry a shot record carries: its SEG-Y trace headers or its ``.npy`` sidecar."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.io.arrays import read_json
from seisless_compute.io.fields import is_number, is_vector
from seisless_compute.io.observed import sidecar_key
from seisless_compute.io.segy import is_segy_key, read_segy_geometry
from seisless_compute.io.storage import S3Store

__all__ = ["ShotPositions", "read_record_positions"]


@dataclass(frozen=True)
class ShotPositions:
    """Source ``(ndim,)`` and receivers ``(nrec, ndim)``, metres, model axes ``[x, (y,) z]``."""

    source: np.ndarray
    receivers: np.ndarray


def _sidecar_positions(store: S3Store, key: str, ndim: int) -> ShotPositions:
    sidecar, url = read_json(store, sidecar_key(key)), store.url(sidecar_key(key))
    point = lambda p: is_vector(p, ndim, is_number)
    if not point(sidecar.get("source")):
        raise InputError(f"{url}:source", repr(sidecar.get("source")),
                         f"the source position, {ndim} numbers in metres")
    receivers = sidecar.get("receivers")
    if not (is_vector(receivers, None, point) and len(receivers) > 0):
        raise InputError(f"{url}:receivers", "missing or malformed",
                         f"one position per trace, {ndim} numbers each, in metres")
    return ShotPositions(np.asarray(sidecar["source"], dtype=np.float64),
                         np.asarray(receivers, dtype=np.float64))


def read_record_positions(store: S3Store, key: str, ndim: int) -> ShotPositions:
    """Source and receiver positions of the record at ``key`` (metres, ``[x, (y,) z]``).

    SEG-Y: from the trace headers (:func:`~seisless_compute.io.segy.read_segy_geometry`);
    ``.npy``: the sidecar's ``source`` and ``receivers`` (as the ``observe`` task writes them).
    """
    if is_segy_key(key):
        geometry = read_segy_geometry(store.get(key), store.url(key), ndim)
        return ShotPositions(geometry.source, geometry.receivers)
    return _sidecar_positions(store, key, ndim)
