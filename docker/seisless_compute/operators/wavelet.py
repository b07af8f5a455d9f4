"""The Ricker source wavelet (pure numpy; the one piece of data the operators' users need)."""

from __future__ import annotations

import numpy as np

__all__ = ["ricker"]


def ricker(peak_frequency_hz: float, dt_ms: float, nt: int, *,
           delay_ms: float | None = None) -> np.ndarray:
    """Ricker wavelet (second derivative of a Gaussian, unit peak amplitude).

    Parameters
    ----------
    peak_frequency_hz : float
        Peak frequency f0, Hz.
    dt_ms : float
        Sampling interval, ms.
    nt : int
        Number of samples; sample ``i`` is at ``t = i * dt_ms``.
    delay_ms : float, optional
        Time of the peak, ms. Default ``1000 / f0`` (one period, so the wavelet starts near zero).

    Returns
    -------
    numpy.ndarray
        ``float32`` array of shape ``(nt,)``.
    """
    f0_per_ms = peak_frequency_hz * 1e-3
    t0 = 1.0 / f0_per_ms if delay_ms is None else delay_ms
    arg = (np.pi * f0_per_ms * (np.arange(nt) * dt_ms - t0)) ** 2
    return ((1.0 - 2.0 * arg) * np.exp(-arg)).astype(np.float32)
