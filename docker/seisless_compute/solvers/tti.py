"""Pseudo-acoustic TTI solver: the public API of :class:`AcousticSolver` for tilted
transversely isotropic media (operators ``operators/tti_*.py``)."""

from __future__ import annotations

from seisless_compute.solvers.acoustic import AcousticSolver
from seisless_compute.solvers.anisotropy import Anisotropy
from seisless_compute.solvers.types import Grid, ShotGeometry

__all__ = ["TTISolver"]


class TTISolver(AcousticSolver):
    """Wave-equation modelling and gradients for one shot in a TTI medium.

    Parameters
    ----------
    grid, geometry
        As :class:`AcousticSolver`.
    anisotropy : Anisotropy
        Thomsen epsilon and delta, tilt theta and (3D) azimuth phi on the physical grid,
        checked here (InputError naming the parameter).
    **options
        Every keyword of :class:`AcousticSolver`.
    """

    def __init__(self, grid: Grid, geometry: ShotGeometry, *, anisotropy: Anisotropy,
                 **options):
        anisotropy.check(grid.shape)
        self.anisotropy = anisotropy
        super().__init__(grid, geometry, **options)
