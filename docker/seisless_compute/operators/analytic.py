"""The analytic 2D reference trace: a Ricker point source in a homogeneous medium (pure numpy).

For ``m u_tt - lap(u) = delta(x) f(t)`` in 2D with velocity ``c``, the causal Green's function is
``G(r, t) = H(t - r/c) / (2 pi sqrt(t^2 - r^2/c^2))``. Its convolution with ``f`` is, with
``tau = (r/c) cosh(s)``, the integral of a smooth function over a finite interval::

    u(r, t) = 1/(2 pi) * integral_0^{acosh(t c / r)} f(t - (r/c) cosh s) ds

so no singularity is left to handle and a composite Simpson rule converges fast. The operators
inject a source at one grid point (a Kronecker delta), which is ``h_x h_z delta(x)``: the trace
is scaled by the cell area.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["ricker_function", "ricker_trace_2d"]


def ricker_function(peak_frequency_hz: float, delay_ms: float):
    """The continuous Ricker wavelet ``t (ms) -> f(t)``, zero before ``t = 0`` (rest)."""
    f0_per_ms = peak_frequency_hz * 1e-3

    def wavelet(t: np.ndarray) -> np.ndarray:
        arg = (np.pi * f0_per_ms * (t - delay_ms)) ** 2
        return np.where(t > 0, (1.0 - 2.0 * arg) * np.exp(-arg), 0.0)

    return wavelet


def ricker_trace_2d(offset_m: float, velocity_km_s: float, times_ms: np.ndarray, *,
                    peak_frequency_hz: float, cell_area_m2: float = 1.0,
                    nodes: int = 4001) -> np.ndarray:
    """Pressure at ``offset_m`` from a Ricker point source in a homogeneous 2D medium.

    Parameters
    ----------
    offset_m : float
        Source-receiver distance, metres (> 0).
    velocity_km_s : float
        Velocity, km/s (= m/ms).
    times_ms : numpy.ndarray
        Times at which to evaluate the trace, ms.
    peak_frequency_hz : float
        Peak frequency of the Ricker wavelet, delayed by one period as ``wavelet.ricker``.
    cell_area_m2 : float
        Area of the grid cell a discrete point source is injected into (``h_x h_z``).
    nodes : int
        Simpson nodes per sample (odd).

    Returns
    -------
    numpy.ndarray
        float64 trace, same shape as ``times_ms``.
    """
    wavelet = ricker_function(peak_frequency_hz, 1000.0 / peak_frequency_hz)
    arrival = offset_m / velocity_km_s
    times = np.asarray(times_ms, dtype=np.float64)
    trace = np.zeros_like(times)
    late = times > arrival
    upper = np.arccosh(times[late] / arrival)
    unit = np.linspace(0.0, 1.0, nodes)
    weights = np.ones(nodes)
    weights[1:-1:2], weights[2:-1:2] = 4.0, 2.0
    s = upper[:, None] * unit[None, :]
    values = wavelet(times[late][:, None] - arrival * np.cosh(s))
    trace[late] = (values @ weights) * upper / (3.0 * (nodes - 1))
    return trace * cell_area_m2 / (2.0 * math.pi)
