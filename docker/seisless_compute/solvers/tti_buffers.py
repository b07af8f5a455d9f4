"""The arrays of one TTI shot: the acoustic ones, the anisotropy coefficients and, for every
wavefield of the acoustic set, the second wavefield ``r`` of the coupled system."""

from __future__ import annotations

import numpy as np

from seisless_compute.operators import axis_components, make_tti_fields
from seisless_compute.solvers.anisotropy import Anisotropy
from seisless_compute.solvers.buffers import ShotBuffers
from seisless_compute.solvers.devito_fields import DevitoFieldFactory
from seisless_compute.solvers.extension import pad
from seisless_compute.solvers.hugepages import advise_huge_pages

__all__ = ["TTIShotBuffers"]


class TTIShotBuffers(ShotBuffers):
    """:class:`ShotBuffers` with the TTI fields (``tti``), the coefficients set from
    ``anisotropy`` (edge-extended over the ``nbl``-point layer) once per time axis.

    Every method that hands the engine an acoustic wavefield also covers its partner: zeroing
    ``u`` zeroes ``r``, the saved history of ``p`` comes with that of ``r``, checkpoints hold
    both.
    """

    def __init__(self, grid, geometry, *, space_order: int, anisotropy: Anisotropy, nbl: int,
                 **options):
        super().__init__(DevitoFieldFactory(grid, space_order), geometry, **options)
        self.tti = make_tti_fields(grid, space_order)
        self._saved_r = None
        self._rsave = None  # (factor, rsave)
        self._set_anisotropy(anisotropy, nbl)

    def _set_anisotropy(self, anisotropy: Anisotropy, nbl: int) -> None:
        eps, delta = (pad(x, nbl, mode="edge").astype(np.float64)
                      for x in (anisotropy.epsilon, anisotropy.delta))
        theta = pad(anisotropy.theta, nbl, mode="edge")
        phi = anisotropy.phi
        if phi is None and theta.ndim == 3:  # zero azimuth
            phi = np.zeros_like(anisotropy.theta)
        phi = None if phi is None else pad(phi, nbl, mode="edge")
        values = {self.tti.horizontal: 1 + 2 * eps, self.tti.coupling: np.sqrt(1 + 2 * delta)}
        values.update(zip(self.tti.axis, axis_components(theta, phi)))
        for function, value in values.items():
            advise_huge_pages(function)
            function.data[:] = value.astype(np.float32)

    @property
    def saved_r(self):
        """The whole history of ``r`` (allocated on first use)."""
        if self._saved_r is None:
            self._saved_r = self._factory.saved_wavefield(self.nt, name="ur")
            self._allocate_zero(self._saved_r)
        return self._saved_r

    def history(self, factor: int, physical: bool = False) -> dict:
        """The kept histories of ``p`` and ``r`` by argument name (of the whole grid: the TTI
        operators image over it)."""
        if physical:
            raise ValueError("TTI histories cover the whole grid, not the physical region")
        if factor == 1:
            return {"u": self.saved, "ur": self.saved_r}
        usave = self.subsampled(factor)
        if self._rsave is None or self._rsave[0] != factor:
            if self._rsave is not None:
                self._fresh.discard(id(self._rsave[1]))
            self._rsave = None
            rsave = self._factory.subsampled_wavefield(self.nt, factor, name="ursave",
                                                       time_dim=usave.time_dim)
            self._allocate_zero(rsave)
            self._rsave = (factor, rsave)
        return {"usave": usave, "ursave": self._rsave[1]}

    def extra_args(self) -> dict:
        """The TTI functions by argument name."""
        t = self.tti
        functions = (t.horizontal, t.coupling, *t.axis, t.r, t.r3, t.vr, t.vr3, t.dr)
        return {function.name: function for function in functions}

    def checkpointed(self) -> list:
        """The buffered forward wavefields Revolve saves and restores."""
        return [self.fields.u, self.tti.r]

    def reset(self, *functions) -> None:
        """Zero ``functions`` and the second wavefield of each (see :meth:`ShotBuffers.reset`)."""
        partners = self._partners()
        super().reset(*functions, *(partners[id(f)] for f in functions if id(f) in partners))

    def _partners(self) -> dict:
        f, t = self.fields, self.tti
        pairs = [(f.u, t.r), (f.u3, t.r3), (f.v, t.vr), (f.v3, t.vr3), (f.du, t.dr)]
        if self._saved is not None:
            pairs.append((self._saved, self.saved_r))
        if self._subsampled is not None and self._rsave is not None:
            pairs.append((self.subsampled_history, self._rsave[1]))
        return {id(a): b for a, b in pairs}
