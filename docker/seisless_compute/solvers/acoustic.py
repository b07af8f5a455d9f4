"""Constant-density acoustic solver: the public API (operators compiled once, buffers owned)."""

from __future__ import annotations

import numpy as np

from seisless_compute.solvers.distributed import gather_everywhere
from seisless_compute.solvers.engine import SolverEngine

__all__ = ["AcousticSolver"]


def _half_norm2(residual: np.ndarray) -> float:
    return 0.5 * float(np.sum(residual.astype(np.float64) ** 2))


class AcousticSolver(SolverEngine):
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
        Recompute the forward wavefield from pyrevolve checkpoints instead of storing it.
    cache_dir : str or os.PathLike, optional
        Compile cache. Default ``$SEISLESS_CACHE_DIR`` or ``~/.cache/seisless/devito``.
    vp_max : float, optional
        Largest velocity (km/s) the solver must handle: fixes the time axis at construction,
        and every call checks ``max(vp) <= vp_max``.
    shared_operators : SharedOperators, optional
        Compiled operators shared between machines (the bucket), consulted on a local miss.

    Notes
    -----
    Time axis: :func:`~seisless_compute.solvers.timeaxis.stable_time_axis` (80 % of the exact
    von Neumann limit, rounded down to 3 significant digits) for ``vmax`` = ``vp_max`` when
    given, else the max of each call's ``vp``; ``dt_ms``/``nt`` are those of the latest call and
    ``time_axis(vp)`` tells the axis a call with ``vp`` will use (resample ``d_obs`` onto it).
    Pass a run-wide ``vp_max`` so that every shot and iteration shares one axis.

    ``m = 1/vp^2`` is extended into the absorbing layer by edge values, ``dm`` by zeros;
    gradients are cropped to the physical grid (exact for perturbations vanishing on its
    outermost points). Under MPI (``mpirun -n N``) every rank makes the same calls with the same
    global arrays; records and objective values come back on every rank, gradients and images
    on rank 0 (other ranks get an empty array).
    """

    def forward(self, vp: np.ndarray, *, save: bool = False) -> tuple[np.ndarray, object | None]:
        """Shot record ``(nt, nrec)`` and, when ``save``, the forward wavefield (a Devito
        ``TimeFunction``, shape ``(nt, *extended grid)``, valid until the next call)."""
        b = self._prepare(vp)
        u = b.saved if save else b.fields.u
        self._run("forward-save" if save else "forward", b, u=u, zero=(u, b.fields.rec))
        return gather_everywhere(b.fields.rec), (u if save else None)

    def adjoint(self, vp: np.ndarray, rec: np.ndarray) -> np.ndarray:
        """Adjoint modelling of records ``(nt, nrec)``: the trace at the source, ``(nt,)``."""
        b = self._prepare(vp)
        b.fields.rec.data[:] = self._check_data(rec, "rec", vp)
        self._run("adjoint", b, zero=(b.fields.v, b.fields.srca))
        return gather_everywhere(b.fields.srca)[:, 0]

    def born(self, vp: np.ndarray, dm: np.ndarray, *, isic: bool = False) -> np.ndarray:
        """Linearized (Born) data ``(nt, nrec)`` of a squared-slowness perturbation ``dm``
        (``isic``: the linearization whose transpose is the ISIC imaging condition)."""
        return self._born(vp, dm, isic=isic, save=False)

    def adjoint_born(self, vp: np.ndarray, rec: np.ndarray, *, isic: bool = False) -> np.ndarray:
        """Image ``J^T rec`` (RTM of ``rec``), grid-shaped float32."""
        rec = self._check_data(rec, "rec", vp)
        b = self._prepare(vp)
        if not self.checkpointing:  # else Revolve recomputes the forward wavefield itself
            self._run("forward-save", b, u=b.saved, zero=(b.saved, b.fields.rec))
        return self._image(rec, isic)

    def fwi_gradient(self, vp: np.ndarray, d_obs: np.ndarray) -> tuple[float, np.ndarray]:
        """``(0.5 ||F(m) - d||^2, gradient wrt m = 1/vp^2 [s^2/km^2])``, grid-shaped float32."""
        d = self._check_data(d_obs, "d_obs", vp)
        rec, _ = self.forward(vp, save=not self.checkpointing)
        return _half_norm2(rec - d), self._image(rec - d, isic=False)

    def lsrtm_gradient(self, vp: np.ndarray, dm: np.ndarray, d_obs: np.ndarray, *,
                       isic: bool = False) -> tuple[float, np.ndarray]:
        """``(0.5 ||J dm - d||^2, J^T (J dm - d))``; ``isic`` uses the inverse-scattering pair
        (its Born operator is the exact transpose of the ISIC imaging condition)."""
        d = self._check_data(d_obs, "d_obs", vp)
        rec = self._born(vp, dm, isic=isic, save=not self.checkpointing)
        return _half_norm2(rec - d), self._image(rec - d, isic=isic)

    def objective(self, vp: np.ndarray, d_obs: np.ndarray) -> float:
        """``0.5 ||F(m) - d||^2``."""
        d = self._check_data(d_obs, "d_obs", vp)
        return _half_norm2(self.forward(vp)[0] - d)

    def born_norm(self, vp: np.ndarray, dm: np.ndarray, *, isic: bool = False) -> float:
        """``||J dm||^2`` (``isic`` as in :meth:`born`)."""
        return 2.0 * _half_norm2(self.born(vp, dm, isic=isic))
