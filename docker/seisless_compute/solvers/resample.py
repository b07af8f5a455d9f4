"""Band-limited time resampling of shot records (windowed-sinc interpolation)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["resample"]

_HALF_WIDTH = 10  # kernel half-width, in samples of the coarser of the two intervals


def _kernel(x: np.ndarray) -> np.ndarray:
    """Hann-windowed sinc on ``|x| <= _HALF_WIDTH`` (x in samples of the coarser interval)."""
    window = np.where(np.abs(x) < _HALF_WIDTH, 0.5 + 0.5 * np.cos(np.pi * x / _HALF_WIDTH), 0.0)
    return np.sinc(x) * window


def resample(data: np.ndarray, *, dt_in_ms: float, dt_out_ms: float, nt_out: int) -> np.ndarray:
    """Resample records onto another time axis, both axes starting at t = 0.

    A windowed-sinc interpolator whose cut-off is the Nyquist frequency of the coarser axis, so
    downsampling is anti-aliased and upsampling is band-limited. Samples past the end of the
    input are treated as zeros.

    Parameters
    ----------
    data : numpy.ndarray
        Records of shape ``(nt_in, nrec)`` (or ``(nt_in,)``) sampled every ``dt_in_ms``.
    dt_in_ms, dt_out_ms : float
        Input and output sampling intervals, ms.
    nt_out : int
        Number of output samples.

    Returns
    -------
    numpy.ndarray
        ``float32`` records of shape ``(nt_out, nrec)`` (or ``(nt_out,)``).
    """
    x = np.asarray(data, dtype=np.float64)
    nt_in = x.shape[0]
    if math.isclose(dt_in_ms, dt_out_ms, rel_tol=1e-9) and nt_out <= nt_in:
        return x[:nt_out].astype(np.float32)
    coarse = max(dt_in_ms, dt_out_ms)
    radius = math.ceil(_HALF_WIDTH * coarse / dt_in_ms)
    position = np.arange(nt_out) * (dt_out_ms / dt_in_ms)  # output times, in input samples
    nearest = np.floor(position).astype(np.int64)
    out = np.zeros((nt_out,) + x.shape[1:])
    for offset in range(-radius, radius + 1):
        index = nearest + offset
        valid = (index >= 0) & (index < nt_in)
        weight = _kernel((position - index) * dt_in_ms / coarse) * (dt_in_ms / coarse) * valid
        samples = x[np.clip(index, 0, nt_in - 1)]
        out += weight.reshape((-1,) + (1,) * (x.ndim - 1)) * samples
    return out.astype(np.float32)
