"""Arrays in S3: read with shape and value checks, write as float32 ``.npy`` or JSON."""

from __future__ import annotations

import json

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.io import npy
from seisless_compute.io.segy import is_segy_key, read_segy_velocity
from seisless_compute.io.storage import S3Store

__all__ = ["read_array", "read_json", "read_velocity", "write_array", "write_json"]

#: Plausible P-wave velocities, km/s (catches models stored in m/s).
VELOCITY_RANGE = (0.1, 20.0)


def read_array(store: S3Store, key: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """Read a ``.npy`` object as float32, checking its shape and that it is finite.

    Raises
    ------
    InputError
        Naming the object when it is missing, malformed, of another shape or not finite.
    """
    array = npy.decode(store.get(key), store.url(key))
    if shape is not None and array.shape != tuple(shape):
        raise InputError(store.url(key), f"shape {list(array.shape)}",
                         f"shape {list(shape)} (the task file's grid)")
    if not np.isfinite(array).all():
        raise InputError(store.url(key), "NaN or infinite values", "finite values")
    return array


def read_velocity(store: S3Store, key: str, shape: tuple[int, ...] | None) -> np.ndarray:
    """Read a velocity model (``.npy`` in km/s, or SEG-Y) and check its values.

    Parameters
    ----------
    store : S3Store
        The run's bucket.
    key : str
        ``.npy``, ``.segy`` or ``.sgy`` object.
    shape : tuple of int, optional
        The expected shape.
    """
    if is_segy_key(key):
        velocity = read_segy_velocity(store.get(key), store.url(key), shape)
    else:
        velocity = read_array(store, key, shape)
    low, high = VELOCITY_RANGE
    if velocity.size and not (low <= velocity.min() and velocity.max() <= high):
        raise InputError(store.url(key),
                         f"velocities from {velocity.min():.4g} to {velocity.max():.4g}",
                         f"km/s between {low} and {high}")
    return velocity


def read_json(store: S3Store, key: str) -> dict:
    """Read a JSON object."""
    try:
        value = json.loads(store.get(key))
    except ValueError as error:
        raise InputError(store.url(key), "not JSON", "a JSON object") from error
    if not isinstance(value, dict):
        raise InputError(store.url(key), type(value).__name__, "a JSON object")
    return value


def write_array(store: S3Store, key: str, array: np.ndarray, *,
                tagging: str | None = None, later: bool = False) -> int:
    """Write ``array`` as float32 ``.npy`` in one PUT (tagged when ``tagging`` is given; on
    another thread, ``S3Store.put_later``, when ``later``); returns the header length."""
    header = npy.encode_header(tuple(array.shape))
    body = header + np.ascontiguousarray(array, dtype="<f4").tobytes()
    if later:
        store.put_later(key, body, tagging=tagging)
    else:
        store.put(key, body, tagging=tagging)
    return len(header)


def write_json(store: S3Store, key: str, value: dict, *, tagging: str | None = None,
               later: bool = False) -> None:
    """Write a JSON object in one PUT (tagged when ``tagging`` is given; on another thread,
    ``S3Store.put_later``, when ``later``)."""
    body = json.dumps(value, indent=1).encode()
    if later:
        store.put_later(key, body, content_type="application/json", tagging=tagging)
    else:
        store.put(key, body, content_type="application/json", tagging=tagging)
