"""Data preprocessing applied identically to observed and modelled records: top mute, band-pass,
time window, as one linear map ``P = W B M`` with its exact transpose ``M B W`` for residuals.

numpy only, by choice rather than for lack of scipy: a zero-phase band-pass applied as a real,
non-negative gain per frequency of a zero-padded FFT is a symmetric matrix (``Z^T C Z`` with a
symmetric circulant ``C``), so the transpose the gradient needs is exact; a recursive
(``scipy.signal``) filter with its edge padding is not, and scipy is not in the image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Bandpass", "DataMap", "Preprocessing", "TopMute", "bandpass_gain", "mute_weights"]


@dataclass(frozen=True)
class TopMute:
    """Zero every sample before ``offset / velocity + shift`` and ramp in over ``taper`` (cos²).

    ``offset`` is the source-receiver distance in metres; velocity in m/s, times in ms.
    """

    velocity_ms: float
    shift_ms: float = 0.0
    taper_ms: float = 20.0


@dataclass(frozen=True)
class Bandpass:
    """Pass ``[low_hz, high_hz]`` with cosine ramps ``taper_hz`` wide outside it (zero phase)."""

    low_hz: float
    high_hz: float
    taper_hz: float = 2.0


@dataclass(frozen=True)
class Preprocessing:
    """What the spec declares; every part optional (``Preprocessing()`` is the identity)."""

    top_mute: TopMute | None = None
    bandpass: Bandpass | None = None
    time_window_ms: tuple[float, float] | None = None

    @property
    def is_identity(self) -> bool:
        return self.top_mute is None and self.bandpass is None and self.time_window_ms is None


def mute_weights(mute: TopMute, times_ms: np.ndarray, offsets_m: np.ndarray) -> np.ndarray:
    """Weights ``[nt, nrec]`` in ``[0, 1]``: 0 before the mute time, a cos² ramp, then 1."""
    onset = offsets_m / mute.velocity_ms * 1000.0 + mute.shift_ms
    lag = times_ms[:, None] - onset[None, :]
    if mute.taper_ms <= 0:
        return (lag >= 0).astype(np.float64)
    ramp = np.clip(lag / mute.taper_ms, 0.0, 1.0)
    return np.sin(0.5 * np.pi * ramp) ** 2


def bandpass_gain(band: Bandpass, freqs_hz: np.ndarray) -> np.ndarray:
    """Real gain per frequency: 1 inside the band, cos² ramps to 0 over ``taper_hz`` outside.

    A band starting at 0 Hz passes the zero frequency (a low-pass)."""
    gain = np.ones_like(freqs_hz)
    taper = max(band.taper_hz, 1e-12)
    if band.low_hz > 0:
        below = np.clip((freqs_hz - (band.low_hz - taper)) / taper, 0.0, 1.0)
        gain *= np.sin(0.5 * np.pi * below) ** 2
    above = np.clip(((band.high_hz + taper) - freqs_hz) / taper, 0.0, 1.0)
    return gain * np.sin(0.5 * np.pi * above) ** 2


def _weighted(values: np.ndarray, weights: np.ndarray | None) -> np.ndarray:
    """``values`` times ``weights`` (a diagonal factor of ``P``), unchanged without weights."""
    return values if weights is None else values * weights


class DataMap:
    """The linear preprocessing ``P`` of records ``[nt, nrec]`` on one time axis.

    Parameters
    ----------
    spec : Preprocessing
        What to apply.
    dt_ms, nt : float, int
        The records' time axis (``t = 0 .. (nt-1) dt``).
    source, receivers : array_like
        Source position and receiver positions (metres), for the mute's offsets.
    """

    def __init__(self, spec: Preprocessing, *, dt_ms: float, nt: int, source, receivers) -> None:
        self.spec = spec
        self.nt = nt
        times = np.arange(nt) * dt_ms
        offsets = np.linalg.norm(np.asarray(receivers, float) - np.asarray(source, float), axis=1)
        self._mute = None if spec.top_mute is None else mute_weights(spec.top_mute, times, offsets)
        self._window = None
        if spec.time_window_ms is not None:
            t0, t1 = spec.time_window_ms
            self._window = ((times >= t0) & (times <= t1)).astype(np.float64)[:, None]
        # Zero padding to twice the length keeps the filter's wrap-around out of the record.
        self._nfft = 2 * nt
        self._gain = None
        if spec.bandpass is not None:
            freqs = np.fft.rfftfreq(self._nfft, d=dt_ms / 1000.0)
            self._gain = bandpass_gain(spec.bandpass, freqs)[:, None]

    def apply(self, record: np.ndarray) -> np.ndarray:
        """``P record``: mute, then band-pass, then time window (float32)."""
        return self._through(record, self._factors())

    def adjoint(self, residual: np.ndarray) -> np.ndarray:
        """``P^T residual``: the same diagonal and symmetric parts in reverse order."""
        return self._through(residual, self._factors()[::-1])

    def _factors(self) -> tuple:
        """``M``, ``B`` and ``W`` as functions of a float64 record, in the order of ``P``."""
        return (lambda v: _weighted(v, self._mute), self._filter,
                lambda v: _weighted(v, self._window))

    def _through(self, record: np.ndarray, factors) -> np.ndarray:
        out = self._check(record)
        for factor in factors:
            out = factor(out)
        return out.astype(np.float32)

    def _filter(self, values: np.ndarray) -> np.ndarray:
        if self._gain is None:
            return values
        spectrum = np.fft.rfft(values, n=self._nfft, axis=0)
        return np.fft.irfft(spectrum * self._gain, n=self._nfft, axis=0)[: self.nt]

    def _check(self, record: np.ndarray) -> np.ndarray:
        if record.ndim != 2 or record.shape[0] != self.nt:
            raise ValueError(f"record of shape {record.shape}; expected [{self.nt}, nrec]")
        return record.astype(np.float64)
