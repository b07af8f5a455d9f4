"""Constant-density acoustic solver: the public API (operators compiled once, buffers owned)."""

from __future__ import annotations

import os

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.processing.data import DataMap
from seisless_compute.solvers.anisotropy import Anisotropy
from seisless_compute.solvers.cache import SharedOperators
from seisless_compute.solvers.distributed import gather_everywhere, gather_to_root
from seisless_compute.solvers.engine import SolverEngine
from seisless_compute.solvers.environment import mpi_requested
from seisless_compute.solvers.extension import crop
from seisless_compute.solvers.timing import part
from seisless_compute.solvers.types import Grid, ShotGeometry, Timings

__all__ = ["AcousticSolver"]


def _half_norm2(residual: np.ndarray) -> float:
    return 0.5 * float(np.sum(residual.astype(np.float64) ** 2))


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
        Recompute the forward wavefield from pyrevolve checkpoints instead of storing it.
    cache_dir : str or os.PathLike, optional
        Compile cache. Default ``$SEISLESS_CACHE_DIR`` or ``~/.cache/seisless/devito``.
    vp_max : float, optional
        Largest velocity (km/s) the solver must handle: fixes the time axis at construction,
        and every call checks ``max(vp) <= vp_max``.
    shared_operators : SharedOperators, optional
        Compiled operators shared between machines (the bucket), consulted on a local miss.
    correct_time_dispersion : bool
        Remove the leapfrog scheme's time dispersion (default): the source wavelet and the
        records are transformed per frequency (``operators.time_dispersion``) and adjoints apply
        the transposes. False gives the plain second-order scheme.
    wavefield_subsampling : int or 'auto'
        Gradients keep the forward wavefield every k-th time step and sum the imaging
        condition over those steps times k (``solvers.subsampling``; ``'auto'``: k from the
        sampling rate 12 x the peak frequency). 1 (default) keeps every step. Checkpointing
        recomputes the wavefield instead and refuses k != 1.
    illumination : bool
        Forward and Born runs also accumulate the source-side illumination, ``illumination``.
    host_kernels : bool, optional
        Run the compiled operators without importing Devito, on plain arrays in Devito's
        layout (``solvers.host_kernel``): about 0.6 s less per job. Default: whenever the run
        is serial, isotropic and not checkpointed; otherwise Devito runs them.
    muted_rows : int
        Rows at the top of the physical grid (along the last axis) that the caller zeroes in
        every column of the gradients (a water mute): with host kernels, a history of the
        physical region leaves them out and gradients are not summed there (zero), so a
        muted gradient is the same with less memory. Default 0.

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

    #: The TTI parameters of a :class:`~seisless_compute.solvers.TTISolver` (set before this
    #: constructor runs); None: isotropic acoustic.
    anisotropy: Anisotropy | None = None
    #: The largest epsilon the time axis is set for (TTI only).
    epsilon_max: float = 0.0

    def __init__(self, grid: Grid, geometry: ShotGeometry, *, space_order: int = 8,
                 nbl: int = 40, checkpointing: bool = False,
                 cache_dir: str | os.PathLike | None = None, vp_max: float | None = None,
                 shared_operators: SharedOperators | None = None,
                 correct_time_dispersion: bool = True,
                 wavefield_subsampling: int | str = 1, illumination: bool = False,
                 host_kernels: bool | None = None, muted_rows: int = 0):
        if checkpointing and wavefield_subsampling != 1:
            raise InputError("wavefieldSubsampling", repr(wavefield_subsampling),
                             "1 with checkpointing (Revolve recomputes the wavefield; nothing "
                             "is stored to subsample)")
        self.checkpointing = checkpointing
        if host_kernels is None:
            host_kernels = (not checkpointing and self.anisotropy is None
                            and not mpi_requested())
        self._engine = SolverEngine(grid, geometry, space_order=space_order, nbl=nbl,
                                    cache_dir=cache_dir, vp_max=vp_max,
                                    shared_operators=shared_operators,
                                    correct_time_dispersion=correct_time_dispersion,
                                    subsampling=wavefield_subsampling,
                                    illumination=illumination, anisotropy=self.anisotropy,
                                    epsilon_max=self.epsilon_max, host_kernels=host_kernels,
                                    muted_rows=muted_rows)

    @property
    def timings(self) -> Timings:
        """Timings accumulated since construction."""
        return self._engine.timings

    @property
    def dt_ms(self) -> float:
        """Time step of the latest call's axis, ms (RuntimeError before it is known)."""
        return self._engine.dt_ms

    @property
    def nt(self) -> int:
        """Number of samples of the latest call's axis (``t = 0 .. (nt-1) dt``)."""
        return self._engine.nt

    def time_axis(self, vp: np.ndarray) -> tuple[float, int]:
        """The ``(dt_ms, nt)`` a call with velocity ``vp`` (km/s) uses."""
        return self._engine.time_axis(vp)

    @property
    def subsampling_factor(self) -> int:
        """The factor k of the kept forward history on the latest call's axis."""
        return self._engine.subsampling_factor

    @property
    def illumination(self) -> np.ndarray:
        """``sum_t u[t]^2`` of the latest forward or Born run's (background) wavefield, grid-shaped
        float32 on rank 0 (needs ``illumination=True``)."""
        if not self._engine.illumination:
            raise RuntimeError("illumination was not asked for (AcousticSolver(illumination=True))")
        illum = gather_to_root(self._engine.buffers.fields.illum)
        return np.empty(0, np.float32) if illum is None else crop(illum, self._engine.nbl)

    def forward(self, vp: np.ndarray, *, save: bool = False) -> tuple[np.ndarray, object | None]:
        """Shot record ``(nt, nrec)`` and, when ``save``, the forward wavefield (a Devito
        ``TimeFunction``, shape ``(nt, *extended grid)``, valid until the next call; the
        simulated one: the time-dispersion correction applies to traces)."""
        b = self._engine.prepare(vp)
        self._engine.propagate("forward", b, keep=save, whole=True, zero=(b.fields.rec,))
        u = b.saved if save else b.fields.u
        return self._records(b), (u if save else None)

    def adjoint(self, vp: np.ndarray, rec: np.ndarray) -> np.ndarray:
        """Adjoint modelling of records ``(nt, nrec)``: the trace at the source, ``(nt,)``."""
        b = self._engine.prepare(vp)
        rec = self._engine.check_data(rec, "rec", vp)
        with self._part("records"):
            b.fields.rec.data[:] = b.dispersion.records_adjoint(rec)
        self._engine.run(self._engine.kind("adjoint"), b, zero=(b.fields.v, b.fields.srca))
        with self._part("records"):
            return b.dispersion.source_adjoint(gather_everywhere(b.fields.srca)[:, 0])

    def born(self, vp: np.ndarray, dm: np.ndarray, *, isic: bool = False) -> np.ndarray:
        """Linearized (Born) data ``(nt, nrec)`` of a squared-slowness perturbation ``dm``
        (``isic``: the linearization whose transpose is the ISIC imaging condition)."""
        return self._born(vp, dm, isic=isic, save=False)

    def adjoint_born(self, vp: np.ndarray, rec: np.ndarray, *, isic: bool = False) -> np.ndarray:
        """Image ``J^T rec`` (RTM of ``rec``), grid-shaped float32."""
        rec = self._engine.check_data(rec, "rec", vp)
        b = self._engine.prepare(vp)
        # Checkpointed: Revolve recomputes the forward wavefield itself (this run is only for
        # the illumination).
        if not self.checkpointing or self._engine.illumination:
            self._engine.propagate("forward", b, keep=not self.checkpointing, isic=isic,
                                   zero=(b.fields.rec,))
        return self._image(rec, isic=isic)

    def fwi_gradient(self, vp: np.ndarray, d_obs: np.ndarray, *,
                     data_map: DataMap | None = None) -> tuple[float, np.ndarray]:
        """``(0.5 ||F(m) - d||^2, gradient wrt m = 1/vp^2 [s^2/km^2])``, grid-shaped float32.

        ``data_map``: a linear preprocessing ``P`` of records (``apply``/``adjoint``); the misfit
        is then ``0.5 ||P F(m) - d||^2`` (``d`` already preprocessed) and the residual goes
        through ``P^T`` before imaging."""
        d = self._engine.check_data(d_obs, "d_obs", vp)
        b = self._engine.prepare(vp)
        self._engine.propagate("forward", b, keep=not self.checkpointing, zero=(b.fields.rec,))
        return self._misfit_and_image(self._records(b), d, data_map, isic=False)

    def lsrtm_gradient(self, vp: np.ndarray, dm: np.ndarray, d_obs: np.ndarray, *,
                       isic: bool = False,
                       data_map: DataMap | None = None) -> tuple[float, np.ndarray]:
        """``(0.5 ||J dm - d||^2, J^T (J dm - d))``; ``isic`` uses the inverse-scattering pair
        (its Born operator is the exact transpose of the ISIC imaging condition); ``data_map``
        as in :meth:`fwi_gradient` (``0.5 ||P J dm - d||^2``, ``J^T P^T (P J dm - d)``)."""
        d = self._engine.check_data(d_obs, "d_obs", vp)
        rec = self._born(vp, dm, isic=isic, save=not self.checkpointing)
        return self._misfit_and_image(rec, d, data_map, isic=isic)

    def _misfit_and_image(self, rec: np.ndarray, d: np.ndarray, data_map: DataMap | None, *,
                          isic: bool) -> tuple[float, np.ndarray]:
        """``(0.5 ||P rec - d||^2, J^T P^T (P rec - d))`` (``P`` the identity when ``None``)."""
        with self._part("residual"):
            if data_map is None:
                residual = rec - d
                back = residual
            else:
                residual = data_map.apply(rec) - d
                back = data_map.adjoint(residual)
            objective = _half_norm2(residual)
        return objective, self._image(back, isic=isic)

    def objective(self, vp: np.ndarray, d_obs: np.ndarray) -> float:
        """``0.5 ||F(m) - d||^2``."""
        d = self._engine.check_data(d_obs, "d_obs", vp)
        return _half_norm2(self.forward(vp)[0] - d)

    def born_norm(self, vp: np.ndarray, dm: np.ndarray, *, isic: bool = False) -> float:
        """``||J dm||^2`` (``isic`` as in :meth:`born`)."""
        return 2.0 * _half_norm2(self.born(vp, dm, isic=isic))

    def _born(self, vp: np.ndarray, dm: np.ndarray, *, isic: bool, save: bool) -> np.ndarray:
        """``J dm`` (optionally keeping the background wavefield's history)."""
        engine = self._engine
        b = engine.prepare(vp)
        with self._part("model"):
            b.set_perturbation(engine.grid_shaped(dm, "dm"), engine.nbl)
            if isic:
                b.fill_inverse_m()
        engine.propagate("born", b, keep=save, isic=isic, zero=(b.fields.du, b.fields.rec))
        return self._records(b)

    def _part(self, name: str):
        return part(self._engine.timings, name)

    def _records(self, b) -> np.ndarray:
        """The receivers' records of the last run, gathered, time dispersion removed."""
        with self._part("records"):
            return b.dispersion.records(gather_everywhere(b.fields.rec))

    def _image(self, residual: np.ndarray, *, isic: bool) -> np.ndarray:
        """``J^T residual``, cropped, on rank 0. The last run must be the matching forward
        (or Born) run with ``save=not checkpointing``, at the same model."""
        engine = self._engine
        b = engine.buffers
        with self._part("records"):
            b.resid.data[:] = b.dispersion.records_adjoint(residual)
        if isic:
            with self._part("model"):
                b.fill_inverse_m()
        engine.image(b, isic=isic, checkpointing=self.checkpointing)
        with self._part("crop"):
            grad = gather_to_root(b.fields.grad)
            return np.empty(0, np.float32) if grad is None else crop(grad, engine.nbl)
