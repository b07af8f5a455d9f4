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
warped frequencies ``phi``), and its exact transpose, ``x = Re(E^H (c * rfft(y))) / N`` (``c``
the one-sided weights), is what the adjoint and gradient apply to residuals, so the corrected
modelling operators keep exact adjoints. The Born source takes the discrete ``u_tt``, whose symbol
is ``-w'^2``: linearized data are corrected by the same record transform.

Both are computed as real matrix products, ``y = Q (P x)`` and ``x = P^T (Q^T y)``: ``P`` the
cosines and sines of ``phi_k t_n``, ``Q`` those of the ``K`` kept DFT frequencies ``w_k t_n`` with
the weights ``c_k / N``, each folded about the middle sample (``operators/folded_sums.py``: half
the work). Only ``K`` of the ``N/2 + 1`` DFT frequencies are non-zero and only ``nt`` of the ``N``
samples are kept, so the products do less work than FFTs of the padded length ``N = 2 nt`` (often
with a large prime factor: 4764 = 12 x 397 for the demo), and they are the same linear maps (they
differ from the FFTs by float64 rounding). The tables depend only on ``(dt, nt, f)``: they are
built once per transform, and, given a ``tables`` directory (a job's compile cache), kept there
for the next job of the same time axis: a job is a fresh process, and building them took about
0.05 s of each demo job. Each is one ``.npy`` file, mapped read-only rather than read: for the
demo's two 3.2 MB tables, 1.6 ms in a fresh process against 5.5 ms for ``np.load`` of the same
files and 16 ms from ``.npz`` (zipfile's import included), and the first products using them no
slower (medians of 15 runs, 1 thread). Files are only ever replaced whole (renamed into place),
so a mapped table never changes under a job.

Only frequencies below ``BAND_PER_PEAK`` times the peak frequency are kept (the Ricker spectrum is
below 1e-7 of its peak there): a band-limiting step, and ``E`` stays small. Signals are padded to
twice their length so the small time shifts do not wrap around.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import KW_ONLY, dataclass, field
from io import BytesIO
from pathlib import Path

import numpy as np

from seisless_compute.io.local_files import write_atomically
from seisless_compute.operators.folded_sums import Angles, FoldedSums, split_phases

__all__ = ["BAND_PER_PEAK", "UNCORRECTED", "TimeDispersion", "time_dispersion"]

#: Highest corrected frequency, in multiples of the Ricker peak frequency.
BAND_PER_PEAK = 4.5

#: Largest ``w' dt/2`` whose inverse warp is used (``arcsin`` is singular at 1).
_MAX_WARP_ARGUMENT = 0.95


@dataclass(frozen=True)
class _Warp:
    """``y = irfft(E x)[:nt]`` with ``E[k, n] = exp(-i warped[k] t_n)`` and its transpose.

    Records ``(nt, ntraces)`` go through the folded cosine and sine sums of the warped
    frequencies and of the kept DFT frequencies (built on first use, kept); a single trace
    ``(nt,)`` (the source) through ``E`` in its two factors and a one-trace FFT, with no table."""

    dt: float
    nt: int
    n_fft: int
    _: KW_ONLY
    warped: np.ndarray  # rad/ms, one per kept rfft frequency k = 0 .. K
    tables: Path | None = None  # where built tables are kept between processes
    _sums: dict = field(default_factory=dict, compare=False, repr=False)

    def _warp_angles(self, doubled: np.ndarray) -> np.ndarray:
        """``phi_k t`` at the times ``doubled / 2 * dt``."""
        return np.outer(self.warped, doubled * self.dt / 2)

    def _dft_angles(self, doubled: np.ndarray) -> np.ndarray:
        """``w_k t = 2 pi k n / N`` at ``n = doubled / 2``, reduced exactly (``k 2n mod 2N``)."""
        k = np.arange(len(self.warped), dtype=np.int64)
        return np.pi / self.n_fft * (np.outer(k, doubled) % (2 * self.n_fft))

    def _weights(self) -> np.ndarray:
        """``c_k / N``, ``(K, 1)``: ``c_k`` 1 at the zero and Nyquist frequencies, 2 between
        (irfft's real part of a one-sided spectrum)."""
        k = np.arange(len(self.warped))
        return (np.where((k == 0) | (2 * k == self.n_fft), 1.0, 2.0) / self.n_fft)[:, None]

    def _folded(self, name: str) -> FoldedSums:
        if name not in self._sums:
            self._sums[name] = self._kept(name) or self._build(name)
        return self._sums[name]

    def _angles(self, name: str) -> Angles:
        return self._warp_angles if name == "warp" else self._dft_angles

    def _build(self, name: str) -> FoldedSums:
        sums = FoldedSums.build(self._angles(name), len(self.warped), self.nt)
        if self.tables is not None:
            _keep(self._path(name), sums)
        return sums

    def _path(self, name: str) -> Path:
        """The file of table ``name``: named after everything the tables are computed from."""
        digest = hashlib.sha256(np.array([self.dt, self.nt, self.n_fft]).tobytes()
                                + self.warped.tobytes()).hexdigest()[:24]
        return self.tables / f"{name}-{digest}.npy"

    def _kept(self, name: str) -> FoldedSums | None:
        """Table ``name`` as kept by an earlier process (mapped read-only); None when absent,
        unreadable or not the expected float64 table."""
        if self.tables is None:
            return None
        try:
            kept = np.load(self._path(name), mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError, EOFError):
            return None
        expected = (2 * len(self.warped), (self.nt + 1) // 2)
        if kept.shape != expected or kept.dtype != np.float64:
            return None
        return FoldedSums.with_tables(self._angles(name), self.nt, kept)

    def apply(self, x: np.ndarray) -> np.ndarray:
        if x.ndim == 1:
            return self._apply_trace(x)
        cos, sin = self._folded("warp").forward(x)
        weights = self._weights()
        return self._folded("dft").backward(weights * cos, weights * sin)

    def transpose(self, y: np.ndarray) -> np.ndarray:
        if y.ndim == 1:
            return self._transpose_trace(y)
        cos, sin = self._folded("dft").forward(y)
        weights = self._weights()
        return self._folded("warp").backward(weights * cos, weights * sin)

    def _apply_trace(self, x: np.ndarray) -> np.ndarray:
        coarse, fine = split_phases(self._warp_angles, self.nt)
        blocks = np.zeros(coarse.shape[1] * fine.shape[1])
        blocks[: self.nt] = x
        kept = np.einsum("kb,kb->k", coarse, fine @ blocks.reshape(coarse.shape[1], -1).T)
        spectrum = np.zeros(self.n_fft // 2 + 1, dtype=np.complex128)
        spectrum[: len(kept)] = kept
        return np.fft.irfft(spectrum, n=self.n_fft)[: self.nt]

    def _transpose_trace(self, y: np.ndarray) -> np.ndarray:
        coarse, fine = split_phases(self._warp_angles, self.nt)
        spectrum = np.fft.rfft(y, n=self.n_fft)[: len(self.warped)] * self._weights()[:, 0]
        out = (fine.T @ (coarse * np.conj(spectrum)[:, None])).real  # [a, b]: n = a + B b
        return out.T.reshape(-1)[: self.nt]


def _keep(path: Path, sums: FoldedSums) -> None:
    """Write ``sums``' table to ``path`` as ``.npy`` (atomically; the rotation is computed again
    on loading); a cache that refuses is not an error."""
    body = BytesIO()
    np.save(body, sums.tables, allow_pickle=False)
    try:
        write_atomically(path, body.getvalue())
    except OSError:
        pass  # the next job builds them again


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


def time_dispersion(dt_ms: float, nt: int, peak_frequency_hz: float, *,
                    tables: Path | None = None) -> TimeDispersion:
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
    tables : pathlib.Path, optional
        Directory where the record transforms' tables are kept between processes.

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
    records = _Warp(dt_ms, nt, n_fft, warped=2.0 / dt_ms * np.arcsin(physical * dt_ms / 2.0),
                    tables=tables)
    return TimeDispersion(source, records)
