"""Constant-density acoustic solver: operators compiled once (or loaded from the cache), buffers
owned here. (Work in progress: signatures final, bodies being filled in.)"""

from __future__ import annotations

import os

import numpy as np
from seisless_compute.solvers.types import Grid, ShotGeometry, Timings

__all__ = ["AcousticSolver"]


class AcousticSolver:
    """Wave-equation modelling and gradients for one shot, constant-density acoustic.

    Parameters
    ----------
    grid : Grid
        Physical grid (metres, axis order ``[x, (y,) z]``), without the absorbing layer.
    geometry : ShotGeometry
        Source, receivers, recording time and peak frequency.
    space_order : int
        Spatial finite-difference order (even), default 8.
    nbl : int
        Width of the absorbing (damping) layer, grid points, added on every side.
    checkpointing : bool
        Recompute the forward wavefield with pyrevolve checkpoints instead of storing it.
    cache_dir : str or os.PathLike, optional
        Compile cache. Default ``$SEISLESS_CACHE_DIR`` or ``~/.cache/seisless/devito``.
    vp_max : float, optional
        Largest velocity (km/s) the solver must handle. When given, the time axis is fixed at
        construction from it and every call checks ``max(vp) <= vp_max``.

    Notes
    -----
    Time axis: ``dt_ms`` is the CFL-stable step of the leapfrog scheme for the largest velocity,
    ``dt = 0.8 * dt_crit`` with ``dt_crit = 2 h_min / (vmax sqrt(sum_i |w_i|))`` the exact von
    Neumann limit of the space-order stencil, rounded down to 3 significant digits;
    ``nt = ceil(T / dt) + 1``. Without ``vp_max`` every call derives the axis from the max of
    its own ``vp``; ``dt_ms``/``nt`` are those of the latest call, and ``time_axis(vp)`` tells
    the axis a call with ``vp`` will use (resample ``d_obs`` onto it before the call).
    """

    def __init__(self, grid: Grid, geometry: ShotGeometry, *, space_order: int = 8,
                 nbl: int = 40, checkpointing: bool = False,
                 cache_dir: str | os.PathLike | None = None, vp_max: float | None = None):
        self.timings = Timings()
        raise NotImplementedError

    def time_axis(self, vp: np.ndarray) -> tuple[float, int]:
        """The ``(dt_ms, nt)`` a call with velocity ``vp`` uses."""
        raise NotImplementedError

    def forward(self, vp: np.ndarray, *, save: bool = False) -> tuple[np.ndarray, object | None]:
        """Shot record ``(nt, nrec)`` and, when ``save``, a handle on the forward wavefield."""
        raise NotImplementedError

    def adjoint(self, vp: np.ndarray, rec: np.ndarray) -> np.ndarray:
        """Adjoint modelling of records ``(nt, nrec)``: the trace at the source, ``(nt,)``."""
        raise NotImplementedError

    def born(self, vp: np.ndarray, dm: np.ndarray) -> np.ndarray:
        """Linearized (Born) data ``(nt, nrec)`` of a squared-slowness perturbation ``dm``."""
        raise NotImplementedError

    def fwi_gradient(self, vp: np.ndarray, d_obs: np.ndarray) -> tuple[float, np.ndarray]:
        """``(0.5 ||F(m) - d||^2, gradient wrt m = 1/vp^2 [s^2/km^2])``, grid-shaped float32."""
        raise NotImplementedError

    def lsrtm_gradient(self, vp: np.ndarray, dm: np.ndarray, d_obs: np.ndarray, *,
                       isic: bool = False) -> tuple[float, np.ndarray]:
        """``(0.5 ||J dm - d||^2, J^T (J dm - d))``; ``isic`` uses the inverse-scattering pair."""
        raise NotImplementedError

    def objective(self, vp: np.ndarray, d_obs: np.ndarray) -> float:
        """``0.5 ||F(m) - d||^2``."""
        raise NotImplementedError

    def born_norm(self, vp: np.ndarray, dm: np.ndarray) -> float:
        """``||J dm||^2``."""
        raise NotImplementedError
