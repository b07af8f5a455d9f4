"""The arrays one solver owns for one time axis: model, wavefields, sources and receivers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from seisless_compute.operators.time_dispersion import UNCORRECTED, time_dispersion
from seisless_compute.operators.update_coefficients import coefficients
from seisless_compute.operators.wavelet import ricker
from seisless_compute.solvers.extension import pad
from seisless_compute.solvers.hugepages import advise_huge_pages, allocate_zero
from seisless_compute.solvers.types import ShotGeometry

__all__ = ["ShotBuffers"]


class ShotBuffers:
    """The arrays of a shot, for a computational grid and a time axis ``(dt_ms, nt)``: Devito's
    functions or plain arrays in their layout, as ``factory`` makes them.

    Parameters
    ----------
    factory : HostFieldFactory or DevitoFieldFactory
        Makes the arrays on the computational grid (absorbing layer included).
    geometry : ShotGeometry
        Source and receiver positions, peak frequency.
    space_order : int
        Spatial order of the fields.
    axis : tuple of (float, int)
        ``(dt_ms, nt)``.
    correct_time_dispersion : bool
        Inject the transformed wavelet; :attr:`dispersion` then holds the record transforms.
    tables : pathlib.Path, optional
        Where the record transforms' tables are kept between processes (the compile cache's).
    """

    def __init__(self, factory, geometry: ShotGeometry, *, axis: tuple[float, int],
                 correct_time_dispersion: bool = True, tables: Path | None = None):
        self.dt, self.nt = axis
        #: transforms removing the time dispersion from records (identity when not corrected)
        self.dispersion = (time_dispersion(self.dt, self.nt, geometry.peak_frequency_hz,
                                           tables=tables)
                           if correct_time_dispersion else UNCORRECTED)
        nrec = geometry.nrec
        self.fields = factory.fields(self.nt, nrec)
        f = self.fields
        #: residual on the receivers, a second ``rec`` (checkpointed runs record into ``rec``)
        self.resid = factory.sparse("rec", npoint=nrec, nt=self.nt)
        self._factory, self._saved = factory, None
        self._subsampled = None  # (factor, physical, top, usave)
        self._model = None  # (vp, nbl) of the current solver call, for fill_inverse_m
        #: ids of functions allocated zero here and not yet handed to an operator
        self._fresh: set[int] = set()
        source = np.asarray(geometry.source, dtype=np.float32).reshape(1, -1)
        receivers = np.asarray(geometry.receivers, dtype=np.float32).reshape(nrec, -1)
        f.src.coordinates.data[:] = source
        f.srca.coordinates.data[:] = source
        f.rec.coordinates.data[:] = receivers
        self.resid.coordinates.data[:] = receivers
        wavelet = ricker(geometry.peak_frequency_hz, self.dt, self.nt)
        f.src.data[:] = self.dispersion.source(wavelet).reshape(-1, 1)

    @property
    def saved(self):
        """The forward wavefield with its whole history (allocated on first use)."""
        if self._saved is None:
            self._saved = self._factory.saved_wavefield(self.nt)
            self._allocate_zero(self._saved)
        return self._saved

    def subsampled(self, factor: int, physical: bool = False, top: int = 0):
        """The forward wavefield kept every ``factor``-th step, of the physical region only when
        ``physical``, less its first ``top`` rows (allocated on first use; another factor or
        region replaces it)."""
        region = (factor, physical, top)
        if self._subsampled is None or self._subsampled[:3] != region:
            if self._subsampled is not None:
                self._fresh.discard(id(self._subsampled[3]))
            self._subsampled = None  # release the old history before allocating the new one
            if top:  # host fields only (SolverEngine._history_top)
                usave = self._factory.subsampled_wavefield(self.nt, factor, physical=physical,
                                                           top=top)
            else:
                usave = self._factory.subsampled_wavefield(self.nt, factor, physical=physical)
            self._allocate_zero(usave)
            self._subsampled = (*region, usave)
        return self._subsampled[3]

    @property
    def subsampled_history(self):
        """The subsampled history kept now (None before the first run that keeps one)."""
        return None if self._subsampled is None else self._subsampled[3]

    def history(self, factor: int, physical: bool = False, top: int = 0) -> dict:
        """What a kept forward history is passed as, by argument name: the whole one (``u``)
        when ``factor`` is 1, else every ``factor``-th step (``usave``; ``physical``: of the
        physical region only, less its first ``top`` rows)."""
        if factor == 1:
            return {"u": self.saved}
        return {"usave": self.subsampled(factor, physical, top)}

    def extra_args(self) -> dict:
        """Functions beyond ``fields`` the operators take, by argument name (none here)."""
        return {}

    def checkpointed(self) -> list:
        """The buffered forward wavefields Revolve saves and restores."""
        return [self.fields.u]

    def set_model(self, vp: np.ndarray, nbl: int, damp: np.ndarray) -> None:
        """The leapfrog coefficients of ``m = 1/vp^2`` (edge-extended) and the damping on this
        time axis. ``b = 1/m`` waits for :meth:`fill_inverse_m`: only ISIC operators read it,
        and in 3D it is one more grid-sized array."""
        f = self.fields
        vp_ext = pad(vp, nbl, mode="edge").astype(np.float64)
        advise_huge_pages(f.scale, f.keep)
        f.scale.data[:], f.keep.data[:] = coefficients(1.0 / vp_ext**2, damp, self.dt)
        self._model = (vp, nbl)  # the caller's array, for this solver call only

    def fill_inverse_m(self) -> None:
        """``b = 1/m = vp^2`` (edge-extended) of the model of the current call."""
        vp, nbl = self._model
        advise_huge_pages(self.fields.b)
        self.fields.b.data[:] = pad(vp, nbl, mode="edge").astype(np.float32) ** 2

    def set_perturbation(self, dm: np.ndarray, nbl: int) -> None:
        """Squared-slowness perturbation, zero in the absorbing layer."""
        advise_huge_pages(self.fields.dm)
        self.fields.dm.data[:] = pad(dm, nbl, mode="zero")

    def _allocate_zero(self, function) -> None:
        """Allocate a saved history now when it is large (untouched, on small pages:
        ``solvers/hugepages.py``), and remember that it is zero until an operator runs on it."""
        if function._data is None:
            allocate_zero(function, huge_pages=False, populate=True)
            self._fresh.add(id(function))

    def reset(self, *functions) -> None:
        """Zero the data of ``functions`` (wavefields before a run, receivers, gradient) before an
        operator runs on them: data not yet allocated, or allocated zero and never run on, is
        zero already (a saved history is gigabytes), the rest is zeroed, each once."""
        for function in {id(function): function for function in functions}.values():
            if id(function) in self._fresh:
                self._fresh.discard(id(function))  # allocated zero, never run on
            elif function._data is None:
                advise_huge_pages(function)  # first use: allocate on huge pages (zeros already)
            else:
                function.data[:] = 0.0
