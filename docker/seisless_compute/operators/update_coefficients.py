"""The leapfrog update's coefficients and its CFL limit: pure numpy and exact rationals.

Kept apart from ``stencil`` (which writes the update in Devito's symbols) so that a job that
runs compiled operators sets its model and time axis without importing Devito or sympy.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

__all__ = ["centred_second_derivative_weights", "coefficients", "critical_dt"]


def centred_second_derivative_weights(radius: int) -> list[Fraction]:
    """The exact weights ``w_{-r} .. w_r`` of the centred second derivative (unit spacing) of
    order ``2 radius``: ``w_k = 2 (-1)^(k+1) (r!)^2 / (k^2 (r-k)! (r+k)!)`` for ``k != 0`` and
    ``w_0 = -sum_{k != 0} w_k`` (what ``sympy.finite_diff_weights`` gives; a test compares)."""
    factorial = math.factorial
    side = [Fraction(2 * (-1) ** (k + 1) * factorial(radius) ** 2,
                     k * k * factorial(radius - k) * factorial(radius + k))
            for k in range(1, radius + 1)]
    return [*side[::-1], -2 * sum(side, Fraction(0)), *side]


def _nyquist_symbol(space_order: int) -> float:
    """``|sum_k w_k (-1)^k|`` of the centred second-derivative weights (unit spacing)."""
    radius = space_order // 2
    weights = centred_second_derivative_weights(radius)
    return float(abs(sum(w * (-1) ** k for k, w in zip(range(-radius, radius + 1), weights))))


def critical_dt(spacing: tuple[float, ...], space_order: int, vmax: float) -> float:
    """Von Neumann stability limit of the leapfrog scheme, ms (spacing in m, vmax in km/s).

    Parameters
    ----------
    spacing : tuple of float
        Grid spacing per axis, metres.
    space_order : int
        Spatial order of the Laplacian.
    vmax : float
        Largest velocity, km/s (= m/ms).

    Returns
    -------
    float
        ``2 / (vmax * sqrt(S * sum_i 1/h_i^2))`` with ``S`` the Nyquist symbol of the stencil.
    """
    symbol = _nyquist_symbol(space_order)
    return 2.0 / (vmax * math.sqrt(symbol * sum(1.0 / h**2 for h in spacing)))


def coefficients(m: np.ndarray, damp: np.ndarray, dt: float) -> tuple[np.ndarray, np.ndarray]:
    """The update's coefficients ``s = dt^2/A`` and ``k = m/A``, ``A = m + eta dt/2`` (float32).

    Parameters
    ----------
    m : numpy.ndarray
        Squared slowness, s^2/km^2 (= ms^2/m^2).
    damp : numpy.ndarray
        Damping coefficient ``eta`` of the absorbing layer, same shape.
    dt : float
        Time step, ms.

    Returns
    -------
    tuple of numpy.ndarray
        ``(s, k)``, computed in float64 and rounded once.
    """
    m = np.asarray(m, dtype=np.float64)
    denominator = m + np.asarray(damp, dtype=np.float64) * (dt / 2)
    return (dt**2 / denominator).astype(np.float32), (m / denominator).astype(np.float32)
