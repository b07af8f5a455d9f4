"""Pseudo-acoustic TTI solver: the public API of :class:`AcousticSolver` for tilted
transversely isotropic media (operators ``operators/tti_*.py``)."""

from __future__ import annotations

from seisless_compute.errors import InputError
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
    epsilon_max : float, optional
        With ``vp_max``: the run-wide largest epsilon, so that every shot (whose model window
        holds a smaller one) shares one time axis, set by ``vp_max sqrt(1 + 2 epsilon_max)``.
        Default: the largest of ``anisotropy``.
    **options
        Every keyword of :class:`AcousticSolver`.

    Notes
    -----
    The physics (``operators/tti_stencil.py``): two wavefields ``p`` and ``r`` coupled through
    ``epsilon`` and ``delta``, the second derivative along the tilted symmetry axis built from
    first derivatives and their transposes, so that every adjoint is exact. Records are ``p``;
    the source is injected into both; gradients are wrt ``m = 1/vp^2``, the imaging conditions
    (standard, ISIC) the acoustic ones summed over ``p`` and ``r``. With ``epsilon = delta = 0``
    the records are the acoustic solver's (``p = r``). Checkpointing saves both wavefields;
    a subsampled history keeps both. Compiled operators are the acoustic kinds with the
    ``-tti`` suffix (``OperatorKind.physics``).
    """

    def __init__(self, grid: Grid, geometry: ShotGeometry, *, anisotropy: Anisotropy,
                 epsilon_max: float | None = None, **options):
        anisotropy.check(grid.shape)
        if epsilon_max is not None and epsilon_max < anisotropy.epsilon_max:
            raise InputError("epsilon", f"max {anisotropy.epsilon_max:.4g}",
                             f"<= epsilon_max {epsilon_max:.4g} (the run's time axis)")
        self.anisotropy = anisotropy
        self.epsilon_max = anisotropy.epsilon_max if epsilon_max is None else epsilon_max
        super().__init__(grid, geometry, **options)
