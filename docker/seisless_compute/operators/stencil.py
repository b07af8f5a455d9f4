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

from devito import Eq

from seisless_compute.operators.update_coefficients import coefficients, critical_dt

__all__ = ["coefficients", "critical_dt", "leapfrog"]


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
