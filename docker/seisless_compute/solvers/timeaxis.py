"""The computational time axis: a CFL-stable step for the largest velocity."""

from __future__ import annotations

import math

from seisless_compute.operators import critical_dt

__all__ = ["CFL_SAFETY", "stable_time_axis"]

#: Fraction of the von Neumann stability limit used as time step.
CFL_SAFETY = 0.8


def stable_time_axis(spacing: tuple[float, ...], space_order: int, vmax: float,
                     recording_time_ms: float) -> tuple[float, int]:
    """``(dt_ms, nt)`` of a stable leapfrog time axis covering ``[0, recording_time_ms]``.

    Parameters
    ----------
    spacing : tuple of float
        Grid spacing, metres.
    space_order : int
        Spatial order of the Laplacian.
    vmax : float
        Largest velocity, km/s.
    recording_time_ms : float
        Length of the records, ms.

    Returns
    -------
    tuple of (float, int)
        ``dt = CFL_SAFETY * dt_crit`` rounded down to 3 significant digits, with
        ``dt_crit = 2 / (vmax sqrt(S sum_i h_i^-2))`` the exact von Neumann limit (``S`` the
        Nyquist symbol of the stencil, 6.50 for order 8), and ``nt = ceil(T / dt) + 1``.
    """
    limit = critical_dt(spacing, space_order, vmax) * CFL_SAFETY
    scale = 10.0 ** (math.floor(math.log10(limit)) - 2)
    dt = math.floor(limit / scale * (1 + 1e-12)) * scale
    return dt, math.ceil(recording_time_ms / dt - 1e-9) + 1
