"""The leapfrog update of the damped constant-density acoustic wave equation and its CFL limit.

The discrete equation, per grid point, with ``eta`` the damping coefficient of the absorbing layer
(zero in the interior) and ``f`` a forcing term::

    m (u[t+1] - 2u[t] + u[t-1]) / dt^2 + eta (u[t+1] - u[t-1]) / (2 dt) = lap(u[t]) + f[t]

Written for the *next* value, with ``A = m + eta dt/2``, ``s = dt^2/A`` and ``k = m/A``::

    u[t+1] = s (lap(u[t]) + f[t]) + 2k (u[t] - u[t-1]) + u[t-1]

which is the same recursion as dividing by ``A`` at every point, without a division per point
and with two coefficient arrays in place of ``m`` and ``eta``, so the kernel reads no more
memory. ``s`` and ``k`` depend on ``dt``: :func:`coefficients` computes them when the model and
time axis are set. In the interior ``k = 1``. With the two-buffer wavefield below, the 3D SO8
forward went from 0.89 to 1.00 GPts/s (256^3, 2 threads, mean of 4 interleaved runs).

Sources are injected scaled by ``s``, so that time stepping is exactly ``K u = f`` with ``K``
lower block-triangular. The backward (adjoint) update is the same recursion run in reverse time,
which makes it the exact transpose of ``K``.

``u[t-1]`` is read only at the point being updated, just before ``u[t+1]`` is written there: an
operator that takes no second time derivative of the field can keep it in two time buffers
(``u[t+1]`` overwrites ``u[t-1]`` in place; see ``fields``).
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from devito import Eq

__all__ = ["coefficients", "critical_dt", "leapfrog"]


def _nyquist_symbol(space_order: int) -> float:
    """``|sum_k w_k (-1)^k|`` of the centred second-derivative weights (unit spacing)."""
    radius = space_order // 2
    weights = sympy.finite_diff_weights(2, list(range(-radius, radius + 1)), 0)[2][-1]
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


def leapfrog(field, scale, keep, *, forcing=0, backward=False) -> Eq:
    """The update of ``field`` one step forward (or backward) in time.

    Parameters
    ----------
    field : devito.TimeFunction
        Wavefield with ``time_order=2`` (two or three time buffers).
    scale, keep : devito.Function
        The coefficients ``s`` and ``k`` of :func:`coefficients`.
    forcing : sympy expression, optional
        Source term ``f[t]`` of the wave equation (e.g. a Born secondary source).
    backward : bool
        Update ``field[t-1]`` from ``field[t]`` and ``field[t+1]`` (adjoint, reverse time).

    Returns
    -------
    devito.Eq
        ``next = s (lap + f) + 2k (field - prev) + prev``.
    """
    nxt, prev = (field.backward, field.forward) if backward else (field.forward, field.backward)
    return Eq(nxt, scale * (field.laplace + forcing) + 2 * keep * (field - prev) + prev)
