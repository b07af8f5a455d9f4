"""Band-limited time resampling of shot records (windowed-sinc interpolation)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["resample"]

_HALF_WIDTH = 10  # kernel half-width, in samples of the coarser of the two intervals
_BLOCK_VALUES = 65536  # float64 values per block of output samples (512 KiB: stays in cache)


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
    if math.isclose(dt_in_ms, dt_out_ms, rel_tol=1e-9) and nt_out <= len(data):
        return np.array(data[:nt_out], dtype=np.float32)  # the same axis: one copy
    x = np.asarray(data, dtype=np.float64)
    nt_in = x.shape[0]
    taps = _taps(nt_in, dt_in_ms=dt_in_ms, dt_out_ms=dt_out_ms, nt_out=nt_out)
    out = np.zeros((nt_out,) + x.shape[1:])
    # By blocks of output samples that stay in cache while every tap is added, each sample's
    # terms in the same order as over the whole record (the sums are the same to the bit).
    rows = max(1, _BLOCK_VALUES // max(1, math.prod(x.shape[1:])))
    term = np.empty((rows,) + x.shape[1:])
    trailing = (1,) * (x.ndim - 1)
    for start in range(0, nt_out, rows):
        block = out[start:start + rows]
        scratch = term[: len(block)]
        for index, weight in taps:
            np.take(x, index[start:start + rows], axis=0, out=scratch)
            np.multiply(weight[start:start + rows].reshape((-1,) + trailing), scratch, out=scratch)
            block += scratch
    return out.astype(np.float32)


def _taps(nt_in: int, *, dt_in_ms: float, dt_out_ms: float,
          nt_out: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(input sample, weight)`` of every output sample, one pair of ``(nt_out,)`` arrays per
    offset from the nearest input sample (weight 0 past either end of the input)."""
    coarse = max(dt_in_ms, dt_out_ms)
    radius = math.ceil(_HALF_WIDTH * coarse / dt_in_ms)
    position = np.arange(nt_out) * (dt_out_ms / dt_in_ms)  # output times, in input samples
    nearest = np.floor(position).astype(np.int64)
    taps = []
    for offset in range(-radius, radius + 1):
        index = nearest + offset
        valid = (index >= 0) & (index < nt_in)
        weight = _kernel((position - index) * dt_in_ms / coarse) * (dt_in_ms / coarse) * valid
        taps.append((np.clip(index, 0, nt_in - 1), weight))
    return taps
