"""TTI parameters in S3: read (``.npy`` or SEG-Y, or a number given in the task file), checked
for shape, finiteness and range, each error naming the parameter; angles stay in degrees here."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.io import npy
from seisless_compute.io.segy import is_segy_key, read_segy_grid
from seisless_compute.io.storage import S3Store

__all__ = ["NAMES", "RANGES", "check_anisotropy", "read_anisotropy", "resolve_anisotropy",
           "to_solver"]

#: The TTI parameters, in the order the task file lists them.
NAMES = ("epsilon", "delta", "theta", "phi")

#: Accepted values (the run spec's ANISOTROPY_RANGES, packages/core/src/spec/anisotropyRanges.ts):
#: Thomsen's epsilon and delta dimensionless, theta and phi in degrees.
RANGES = {"epsilon": (-0.25, 1.0, "dimensionless (not %)"),
          "delta": (-0.25, 1.0, "dimensionless (not %)"),
          "theta": (-90.0, 90.0, "degrees"), "phi": (-180.0, 180.0, "degrees")}


def check_anisotropy(values: dict[str, np.ndarray], shape: tuple[int, ...],
                     subjects: dict[str, str]) -> None:
    """Refuse TTI parameters of another shape, not finite, out of range, or ``epsilon < delta``.

    Parameters
    ----------
    values : dict
        Arrays by parameter name (``phi`` only in 3D).
    shape : tuple of int
        The model's grid shape.
    subjects : dict
        The error subject of each parameter (its object's URL and name).

    Raises
    ------
    InputError
        The first problem, naming the parameter.
    """
    for name, value in values.items():
        subject = subjects[name]
        if value.shape != tuple(shape):
            raise InputError(subject, f"shape {list(value.shape)}",
                             f"shape {list(shape)} (the model's grid)")
        if not np.isfinite(value).all():
            bad = int(np.count_nonzero(~np.isfinite(value)))
            raise InputError(subject, f"{bad} NaN or infinite values", f"finite {name} values")
        low, high, units = RANGES[name]
        if value.size and not (low <= value.min() and value.max() <= high):
            raise InputError(subject, f"{name} from {value.min():.4g} to {value.max():.4g}",
                             f"{units} values between {low} and {high}")
    if "epsilon" in values and "delta" in values:
        short = values["epsilon"] < values["delta"]
        if short.any():
            raise InputError(subjects["epsilon"], f"epsilon below delta at "
                             f"{int(np.count_nonzero(short))} of {short.size} points",
                             "epsilon >= delta everywhere (pseudo-acoustic TTI is unstable where "
                             "epsilon < delta)")


def _read_one(store: S3Store, key: str, shape: tuple[int, ...]) -> np.ndarray:
    if is_segy_key(key):
        return read_segy_grid(store.get(key), store.url(key), shape)
    return npy.decode(store.get(key), store.url(key))  # finite: checked naming the parameter


def resolve_anisotropy(store: S3Store, given: dict[str, float | str], shape: tuple[int, ...], *,
                       source: str) -> dict[str, np.ndarray]:
    """The model task's TTI parameters: each a number (filled on the grid) or an object key
    (read); ``phi`` defaults to zero in 3D and is dropped in 2D. Checked (:func:`check_anisotropy`)."""
    names = NAMES if len(shape) == 3 else NAMES[:3]
    values, subjects = {}, {}
    for name in names:
        value = given.get(name, 0.0 if name == "phi" else None)
        if isinstance(value, str):
            values[name] = _read_one(store, value, shape)
            subjects[name] = f"{source}:model.anisotropy.{name} ({store.url(value)})"
        else:
            values[name] = np.full(shape, value, dtype=np.float32)
            subjects[name] = f"{source}:model.anisotropy.{name}"
    check_anisotropy(values, shape, subjects)
    return values


def read_anisotropy(store: S3Store, keys: dict[str, str], shape: tuple[int, ...]
                    ) -> dict[str, np.ndarray]:
    """A per-shot task's TTI parameters from the model task's ``.npy`` objects (degrees),
    checked; ``keys`` by parameter name."""
    values = {name: _read_one(store, key, shape) for name, key in keys.items()}
    check_anisotropy(values, shape, {name: f"{name} ({store.url(key)})" for name, key in keys.items()})
    return values


def to_solver(values: dict[str, np.ndarray]):
    """The solver's ``Anisotropy`` from parameters in degrees (angles converted to radians;
    ``phi`` None in 2D)."""
    from seisless_compute.solvers import Anisotropy

    phi = values.get("phi")
    return Anisotropy(values["epsilon"], values["delta"], np.radians(values["theta"]),
                      None if phi is None else np.radians(phi))
