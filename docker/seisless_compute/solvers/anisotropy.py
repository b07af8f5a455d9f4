"""The TTI (tilted transversely isotropic) parameters of a model, beside ``vp``."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from seisless_compute.errors import InputError

__all__ = ["Anisotropy"]

#: Thomsen parameters outside this range are refused (``1 + 2 delta`` must stay positive, and no
#: rock is anisotropic beyond it): a value out of it is most likely a unit or file mix-up.
_THOMSEN_RANGE = (-0.25, 1.0)
#: Angles are radians; a magnitude above this (a full turn) is taken for degrees.
_ANGLE_LIMIT = 2 * math.pi


def _as_float32(value) -> np.ndarray | None:
    return None if value is None else np.asarray(value, dtype=np.float32)


@dataclass(frozen=True)
class Anisotropy:
    """Thomsen parameters and the symmetry axis of a TTI model, on the physical grid.

    Attributes
    ----------
    epsilon, delta : numpy.ndarray
        Thomsen's epsilon and delta (dimensionless), float32, grid-shaped.
    theta : numpy.ndarray
        Tilt of the symmetry axis from the vertical, radians.
    phi : numpy.ndarray or None
        Azimuth of the symmetry axis (3D only; None in 2D, zero azimuth in 3D), radians.

    Notes
    -----
    The pseudo-acoustic system the solver runs is stable only for ``epsilon >= delta`` (its
    2x2 coefficient block is then positive semi-definite, ``solvers/tti.py``): :meth:`check`
    refuses the other case.
    """

    epsilon: np.ndarray
    delta: np.ndarray
    theta: np.ndarray
    phi: np.ndarray | None = None

    def __post_init__(self) -> None:
        for name in ("epsilon", "delta", "theta", "phi"):
            object.__setattr__(self, name, _as_float32(getattr(self, name)))

    @classmethod
    def isotropic(cls, shape: tuple[int, ...]) -> Anisotropy:
        """Zero epsilon, delta and angles on a grid of ``shape``."""
        zeros = np.zeros(shape, np.float32)
        return cls(zeros, zeros, zeros, zeros if len(shape) == 3 else None)

    def check(self, shape: tuple[int, ...]) -> None:
        """Refuse parameters that are not float arrays of ``shape``, finite and in range.

        Raises
        ------
        InputError
            Naming the parameter (``epsilon``, ``delta``, ``theta``, ``phi``), what was
            received and what is expected.
        """
        shape = tuple(shape)
        if len(shape) == 2 and self.phi is not None:
            raise InputError("phi", f"an azimuth on a 2D grid {shape}", "None in 2D")
        for name in ("epsilon", "delta", "theta", "phi"):
            value = getattr(self, name)
            if value is None:
                continue
            if value.shape != shape:
                raise InputError(name, f"shape {value.shape}", f"the grid shape {shape}")
            if not np.all(np.isfinite(value)):
                bad = int(np.count_nonzero(~np.isfinite(value)))
                raise InputError(name, f"{bad} NaN or infinite values", "finite values")
        low, high = _THOMSEN_RANGE
        for name in ("epsilon", "delta"):
            value = getattr(self, name)
            if value.min() < low or value.max() > high:
                raise InputError(name, f"values in [{value.min():.4g}, {value.max():.4g}]",
                                 f"values in [{low}, {high}] (dimensionless Thomsen parameter)")
        for name in ("theta", "phi"):
            value = getattr(self, name)
            if value is not None and np.abs(value).max() > _ANGLE_LIMIT:
                raise InputError(name, f"max |angle| {np.abs(value).max():.4g}",
                                 "radians, |angle| <= 2 pi (degrees given?)")
        short = self.epsilon < self.delta
        if np.any(short):
            raise InputError("epsilon", f"below delta at {int(np.count_nonzero(short))} points "
                             f"(min epsilon - delta {float(np.min(self.epsilon - self.delta)):.4g})",
                             "epsilon >= delta (the pseudo-acoustic TTI system is unstable "
                             "otherwise)")

    @property
    def epsilon_max(self) -> float:
        """Largest epsilon (sets the stable time step with ``vp``)."""
        return float(np.max(self.epsilon))
