"""Value types of the solver API: the grid, one shot's geometry and the accumulated timings."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field

import numpy as np

__all__ = ["Grid", "ShotGeometry", "Timings"]


@dataclass(frozen=True)
class Grid:
    """The physical (interior) grid, without the absorbing layer.

    Attributes
    ----------
    shape : tuple of int
        Grid points per axis, Devito axis order ``[x, (y,) z]``.
    spacing : tuple of float
        Grid spacing per axis, metres.
    origin : tuple of float
        Coordinates of the first grid point, metres.
    """

    shape: tuple[int, ...]
    spacing: tuple[float, ...]
    origin: tuple[float, ...]

    @property
    def ndim(self) -> int:
        """Number of spatial dimensions (2 or 3)."""
        return len(self.shape)


@dataclass(frozen=True)
class ShotGeometry:
    """Acquisition of one shot.

    Attributes
    ----------
    source : numpy.ndarray
        Source position, shape ``(ndim,)``, metres.
    receivers : numpy.ndarray
        Receiver positions, shape ``(nrec, ndim)``, metres.
    recording_time_ms : float
        Length of the records, ms.
    peak_frequency_hz : float
        Peak frequency of the Ricker source wavelet, Hz.
    """

    source: np.ndarray
    receivers: np.ndarray
    _: KW_ONLY
    recording_time_ms: float
    peak_frequency_hz: float

    @property
    def nrec(self) -> int:
        """Number of receivers."""
        return int(np.asarray(self.receivers).shape[0])


@dataclass
class Timings:
    """Timings accumulated by a solver since its construction.

    Attributes
    ----------
    sections : dict of str to float
        Devito performance-summary section times, seconds, keyed ``'<operator>.<section>'``
        (e.g. ``'forward.section0'``), summed over calls.
    kernel_s : float
        Total time spent in operator kernels, seconds.
    compile_s : float
        Time spent obtaining operators (lowering + compilation, or loading from the cache), s.
    compile_cached : bool
        True when every operator used so far came from the compile cache (disk or shared).
    compile_sources : dict of str to int
        How many operators came from each source: ``disk``, ``shared`` (the bucket), ``compiled``.
    gpts : float or None
        Grid-point updates per second (1e9) of the most recent operator run, None before any.
    compute_parts : dict of str to float
        Seconds of the solver's work outside kernels and operator loading, by name:
        ``allocate`` (buffers of a time axis, saved histories), ``zero`` (wavefields before a
        run), ``model`` (coefficients, perturbation), ``records`` (time-dispersion transforms
        and gathers of records), ``residual``, ``crop`` (images to the physical grid).
    first_kernel_at : float or None
        Epoch seconds at which the first operator run started, None before any.
    """

    sections: dict[str, float] = field(default_factory=dict)
    kernel_s: float = 0.0
    compile_s: float = 0.0
    compile_cached: bool = True
    compile_sources: dict[str, int] = field(default_factory=dict)
    gpts: float | None = None
    compute_parts: dict[str, float] = field(default_factory=dict)
    first_kernel_at: float | None = None
