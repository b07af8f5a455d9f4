"""The leapfrog update of the damped constant-density acoustic wave equation and its CFL limit.

The discrete equation, per grid point, with ``eta`` the damping coefficient of the absorbing layer
(zero in the interior) and ``f`` a forcing term::

    m (u[t+1] - 2u[t] + u[t-1]) / dt^2 + eta (u[t+1] - u[t-1]) / (2 dt) = lap(u[t]) + f[t]

Written for the *next* value, its left-hand coefficient is ``A = m/dt^2 + eta/(2dt)``; sources are
injected already divided by ``A`` (:func:`injection_scale`), so that time stepping is exactly
``K u = f`` with ``K`` lower block-triangular. The backward (adjoint) update is the same recursion
run in reverse time, which makes it the exact transpose of ``K``.
"""

from __future__ import annotations

import math

import sympy
from devito import Eq

__all__ = ["critical_dt", "injection_scale", "leapfrog"]


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


def injection_scale(m, damp, dt):
    """``1 / A = dt^2 / (m + eta dt / 2)``: the factor of a source added to the next time level."""
    return dt**2 / (m + damp * dt / 2)


def leapfrog(field, m, damp, forcing=0, backward=False) -> Eq:
    """The update of ``field`` one step forward (or backward) in time.

    Parameters
    ----------
    field : devito.TimeFunction
        Wavefield with ``time_order=2``.
    m, damp : devito.Function
        Squared slowness (s^2/km^2) and damping coefficient of the absorbing layer.
    forcing : sympy expression, optional
        Source term ``f[t]`` of the wave equation (e.g. a Born secondary source).
    backward : bool
        Update ``field[t-1]`` from ``field[t]`` and ``field[t+1]`` (adjoint, reverse time).

    Returns
    -------
    devito.Eq
        ``next = (dt^2 (lap + f) + m (2 field - prev) + eta dt/2 prev) / (m + eta dt/2)``.
    """
    dt = field.grid.stepping_dim.spacing
    nxt, prev = (field.backward, field.forward) if backward else (field.forward, field.backward)
    half = damp * dt / 2
    numerator = dt**2 * (field.laplace + forcing) + m * (2 * field - prev) + half * prev
    return Eq(nxt, numerator / (m + half))
