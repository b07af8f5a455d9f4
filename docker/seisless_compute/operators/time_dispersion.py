"""Removing the leapfrog scheme's time dispersion: a transform of the source and of the records.

The second-order time difference maps ``exp(i w t)`` to ``-(2/dt sin(w dt/2))^2 exp(i w t)``, so
the leapfrog solution at discrete frequency ``w`` is the exact-in-time solution (same space
discretisation) at the frequency ``w' = 2/dt sin(w dt/2)``, whatever the model, boundaries or
sources (Koene et al. 2018, Geophys. J. Int. 213, "Eliminating time dispersion from seismic wave
modeling"). The error is therefore undone outside the kernel, per frequency:

* forward transform of the source: the discrete wavelet's spectrum at ``w`` is set to the
  continuous wavelet's at ``w'(w)``;
* inverse transform of the records: the corrected spectrum at ``w'`` is read from the simulated
  one at ``w(w') = 2/dt arcsin(w' dt/2)``.

Each is linear, ``y = irfft(E x)`` with ``E[k, n] = exp(-i phi(w_k) t_n)`` (a Fourier sum at
warped frequencies ``phi``, computed by blocks of frequencies: ``K x nt x ntraces`` multiply-adds
for ``K`` kept frequencies), and its exact transpose, ``x = Re(E^H (c * rfft(y))) / N`` (``c``
the one-sided weights), is what the adjoint and gradient apply to residuals, so the corrected
modelling operators keep exact adjoints. The Born source takes the discrete ``u_tt``, whose symbol
is ``-w'^2``: linearized data are corrected by the same record transform.

Only frequencies below ``BAND_PER_PEAK`` times the peak frequency are kept (the Ricker spectrum is
below 1e-7 of its peak there): a band-limiting step, and ``E`` stays small. Signals are padded to
twice their length so the small time shifts do not wrap around.
"""

from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass

import numpy as np

__all__ = ["BAND_PER_PEAK", "UNCORRECTED", "TimeDispersion", "time_dispersion"]

#: Highest corrected frequency, in multiples of the Ricker peak frequency.
BAND_PER_PEAK = 4.5

#: Largest ``w' dt/2`` whose inverse warp is used (``arcsin`` is singular at 1).
_MAX_WARP_ARGUMENT = 0.95

#: Frequencies per block of the Fourier-sum matrix (bounds its memory: block x nt complex).
_BLOCK = 256


@dataclass(frozen=True)
class _Warp:
    """``y = irfft(E x)[:nt]`` with ``E[k, n] = exp(-i warped[k] t_n)`` and its transpose."""

    dt: float
    nt: int
    n_fft: int
    _: KW_ONLY
    warped: np.ndarray  # rad/ms, one per kept rfft frequency k = 0 .. K

    def _blocks(self):
        """``(start, stop, cos, sin)`` of ``phi_k t_n`` for blocks of frequencies (real GEMMs:
        half the work of complex ones on real traces)."""
        t = np.arange(self.nt) * self.dt
        for start in range(0, len(self.warped), _BLOCK):
            stop = min(start + _BLOCK, len(self.warped))
            phase = np.outer(self.warped[start:stop], t)
            yield start, stop, np.cos(phase), np.sin(phase)

    def apply(self, x: np.ndarray) -> np.ndarray:
        spectrum = np.zeros((self.n_fft // 2 + 1,) + x.shape[1:], dtype=np.complex128)
        for start, stop, cos, sin in self._blocks():
            spectrum[start:stop].real = cos @ x
            spectrum[start:stop].imag = -(sin @ x)
        return np.fft.irfft(spectrum, n=self.n_fft, axis=0)[: self.nt]

    def transpose(self, y: np.ndarray) -> np.ndarray:
        spectrum = np.fft.rfft(y, n=self.n_fft, axis=0)[: len(self.warped)]
        spectrum[1:] *= 2.0  # one-sided: every kept k > 0 stands for +k and -k
        out = np.zeros((self.nt,) + y.shape[1:], dtype=np.float64)
        for start, stop, cos, sin in self._blocks():
            block = spectrum[start:stop]
            out += cos.T @ block.real - sin.T @ block.imag
        return out / self.n_fft


def _as_float32(warp: _Warp | None, transpose: bool, x: np.ndarray) -> np.ndarray:
    if warp is None:
        return np.array(x, dtype=np.float32)
    x = np.asarray(x, dtype=np.float64)
    return (warp.transpose(x) if transpose else warp.apply(x)).astype(np.float32)


@dataclass(frozen=True)
class TimeDispersion:
    """The source and record transforms of one time axis (build with :func:`time_dispersion`;
    :data:`UNCORRECTED` is the identity, for the plain leapfrog scheme).

    Every method takes and returns ``(nt,)`` or ``(nt, ntraces)`` arrays on the time axis
    (float32 out, computed in float64).
    """

    _source: _Warp | None
    _records: _Warp | None

    def source(self, wavelet: np.ndarray) -> np.ndarray:
        """The discrete source whose leapfrog response is the continuous one of ``wavelet``."""
        return _as_float32(self._source, False, wavelet)

    def source_adjoint(self, trace: np.ndarray) -> np.ndarray:
        """Transpose of :meth:`source` (for the adjoint operator's trace at the source)."""
        return _as_float32(self._source, True, trace)

    def records(self, rec: np.ndarray) -> np.ndarray:
        """Simulated records with the time dispersion removed."""
        return _as_float32(self._records, False, rec)

    def records_adjoint(self, rec: np.ndarray) -> np.ndarray:
        """Transpose of :meth:`records` (applied to residuals before back-propagation)."""
        return _as_float32(self._records, True, rec)


#: The identity transforms: records of the plain leapfrog scheme.
UNCORRECTED = TimeDispersion(None, None)


def time_dispersion(dt_ms: float, nt: int, peak_frequency_hz: float) -> TimeDispersion:
    """The transforms of the time axis ``t_n = n dt_ms`` for a Ricker of ``peak_frequency_hz``.

    Parameters
    ----------
    dt_ms : float
        Time step, ms.
    nt : int
        Number of samples.
    peak_frequency_hz : float
        Peak frequency of the source: the corrected band ends at ``BAND_PER_PEAK`` times it (or
        where ``w' dt/2`` reaches 0.95, for a time step too coarse for that band).

    Returns
    -------
    TimeDispersion
    """
    n_fft = 2 * nt
    omega = 2.0 * np.pi * np.fft.rfftfreq(n_fft, dt_ms)  # rad/ms
    physical_max = min(2.0 * np.pi * peak_frequency_hz * 1e-3 * BAND_PER_PEAK,
                       2.0 * _MAX_WARP_ARGUMENT / dt_ms)
    discrete_max = 2.0 / dt_ms * math.asin(physical_max * dt_ms / 2.0)
    simulated = omega[omega <= discrete_max]
    physical = omega[omega <= physical_max]
    source = _Warp(dt_ms, nt, n_fft, warped=2.0 / dt_ms * np.sin(simulated * dt_ms / 2.0))
    records = _Warp(dt_ms, nt, n_fft, warped=2.0 / dt_ms * np.arcsin(physical * dt_ms / 2.0))
    return TimeDispersion(source, records)
