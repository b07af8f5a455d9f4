"""The machinery an :class:`~seisless_compute.solvers.AcousticSolver` holds: the computational
grid, the time axis, the buffers, and running operators (compiled once) on them."""

from __future__ import annotations

import math
import os
import time
from functools import cached_property

import numpy as np

from seisless_compute.errors import InputError
from seisless_compute.operators.field_set import SUBSAMPLED_TIME
from seisless_compute.solvers.anisotropy import Anisotropy
from seisless_compute.solvers.buffers import ShotBuffers
from seisless_compute.solvers.cache import (
    OperatorCache,
    SharedOperators,
    default_cache_dir,
)
from seisless_compute.solvers.compiled import OperatorSet
from seisless_compute.solvers.devito_fields import DevitoFieldFactory
from seisless_compute.solvers.environment import configure_devito
from seisless_compute.solvers.extension import damping
from seisless_compute.solvers.host_fields import HostFieldFactory
from seisless_compute.solvers.host_kernel import HostKernel
from seisless_compute.solvers.operator_kind import OperatorKind
from seisless_compute.solvers.subsampling import resolve_subsampling
from seisless_compute.solvers.timeaxis import stable_time_axis
from seisless_compute.solvers.timing import part, record, summary_sections
from seisless_compute.solvers.types import Grid, ShotGeometry, Timings

__all__ = ["SolverEngine"]

#: The run-time argument of the subsampling factor (Devito's name for the factor of ``tsub``).
_FACTOR_ARG = f"{SUBSAMPLED_TIME}f"


def _finite(array: np.ndarray, name: str) -> np.ndarray:
    """``array``, refused (InputError naming ``name``) when it holds NaN or infinite values."""
    if not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise InputError(name, f"{bad} NaN or infinite values", "finite values")
    return array


def _parameter_names(op) -> set[str]:
    """The argument names of a Devito operator or a host kernel."""
    if isinstance(op, HostKernel):
        return op.parameter_names
    return {p.name for p in op.parameters}


class SolverEngine:
    """Grid, time axis, buffers and operator runs of one shot: what an ``AcousticSolver`` holds
    and drives (parameters as there; ``subsampling`` is the factor k of the kept forward history,
    an integer or ``'auto'``; ``illumination`` makes forward and Born runs accumulate it;
    ``host_kernels``: run compiled operators without Devito, on plain arrays (``host_kernel``),
    importing Devito only to compile or capture an operator not yet kept for that;
    ``muted_rows``: rows at the top of the physical region, along the last axis, that the
    gradient's preconditioning zeroes in every column, left out of a history of the physical
    region and of its image when host kernels run it)."""

    def __init__(self, grid: Grid, geometry: ShotGeometry, *, space_order: int, nbl: int,
                 cache_dir: str | os.PathLike | None, vp_max: float | None,
                 shared_operators: SharedOperators | None,
                 correct_time_dispersion: bool = True, subsampling: int | str = 1,
                 illumination: bool = False, anisotropy: Anisotropy | None = None,
                 epsilon_max: float = 0.0, host_kernels: bool = False, muted_rows: int = 0):
        if anisotropy is not None and host_kernels:
            raise ValueError("host kernels run the acoustic operators only")
        self.host_kernels = host_kernels
        if not host_kernels:
            configure_devito()
        #: TTI parameters on the physical grid; None for the isotropic acoustic equation.
        self.anisotropy = anisotropy
        self.physics = "acoustic" if anisotropy is None else "tti"
        #: The time axis is set for the horizontal velocity ``vp sqrt(1 + 2 epsilon_max)``.
        self.epsilon_max = epsilon_max
        resolve_subsampling(subsampling, 1.0, 1.0)  # refuse a bad value now, not at the first run
        self.subsampling, self.illumination = subsampling, illumination
        self.correct_time_dispersion = correct_time_dispersion
        self.grid, self.geometry, self.space_order, self.nbl = grid, geometry, space_order, nbl
        if not 0 <= muted_rows:
            raise ValueError(f"muted_rows {muted_rows}; expected a count >= 0")
        self.muted_rows = min(muted_rows, grid.shape[-1] - 1)  # at least one row imaged
        self.timings = Timings()
        shape = tuple(n + 2 * nbl for n in grid.shape)
        #: The computational grid: shape, spacing and origin (absorbing layer included).
        self.computational_grid = {
            "shape": list(shape), "spacing": [float(h) for h in grid.spacing],
            "origin": [float(o - nbl * h) for o, h in zip(grid.origin, grid.spacing)]}
        self._damp = damping(shape, grid.spacing, nbl)
        cache = OperatorCache(default_cache_dir() if cache_dir is None else cache_dir,
                              shared_operators)
        #: The compiled operators, obtained on first use.
        self.operators = OperatorSet(
            lambda: self._devito_grid, space_order=space_order, nrec=geometry.nrec, nbl=nbl,
            cache=cache, timings=self.timings,
            host=self.computational_grid if host_kernels else None)
        self._vp_max = vp_max
        self._buffers: ShotBuffers | None = None
        self._axis = None if vp_max is None else self._axis_for(vp_max)

    @cached_property
    def _devito_grid(self):
        """Devito's computational grid (Devito imported and configured now, if not before)."""
        configure_devito()
        from devito import Grid as DevitoGrid

        g = self.computational_grid
        return DevitoGrid(shape=tuple(g["shape"]),
                          extent=tuple((n - 1) * h for n, h in zip(g["shape"], g["spacing"])),
                          origin=tuple(g["origin"]), dtype=np.float32)

    @property
    def dt_ms(self) -> float:
        """Time step of the computational axis, ms (RuntimeError before it is known)."""
        return self._current_axis()[0]

    @property
    def nt(self) -> int:
        """Number of samples of the computational axis (``t = 0 .. (nt-1) dt``)."""
        return self._current_axis()[1]

    @property
    def buffers(self) -> ShotBuffers:
        """The buffers of the latest :meth:`prepare`."""
        if self._buffers is None:
            raise RuntimeError("no buffers before the first call")
        return self._buffers

    @property
    def subsampling_factor(self) -> int:
        """The factor k of the kept forward history on the current time axis."""
        return resolve_subsampling(self.subsampling, self.dt_ms, self.geometry.peak_frequency_hz)

    def time_axis(self, vp: np.ndarray) -> tuple[float, int]:
        """The ``(dt_ms, nt)`` a call with velocity ``vp`` (km/s) uses."""
        vp = _finite(np.asarray(vp), "vp")
        if np.min(vp) <= 0:
            raise InputError("vp", f"min {float(np.min(vp)):.4g} km/s", "positive velocities")
        vmax = float(np.max(vp))
        if self._vp_max is None:
            return self._axis_for(vmax)
        if vmax > self._vp_max * (1 + 1e-6):
            raise InputError("vp", f"max {vmax:.4g} km/s", f"<= vp_max {self._vp_max:.4g} km/s")
        return self._axis_for(self._vp_max)

    def _axis_for(self, vmax: float) -> tuple[float, int]:
        vmax *= math.sqrt(1 + 2 * max(0.0, self.epsilon_max))  # TTI: the horizontal velocity
        return stable_time_axis(self.grid.spacing, self.space_order, vmax=vmax,
                                recording_time_ms=self.geometry.recording_time_ms)

    def _current_axis(self) -> tuple[float, int]:
        if self._axis is None:
            raise RuntimeError("time axis unknown before the first call; use time_axis(vp)")
        return self._axis

    def grid_shaped(self, array: np.ndarray, name: str) -> np.ndarray:
        """``array`` as float32, refused (InputError naming ``name``) unless grid-shaped."""
        array = np.asarray(array, dtype=np.float32)
        if array.shape != tuple(self.grid.shape):
            raise InputError(name, f"shape {array.shape}", f"the grid shape {self.grid.shape}")
        return _finite(array, name)

    def prepare(self, vp: np.ndarray) -> ShotBuffers:
        """Fix the time axis for ``vp``, (re)allocate buffers if it changed, set the model."""
        with part(self.timings, "checks"):
            vp = self.grid_shaped(vp, "vp")
            self._axis = self.time_axis(vp)
        if self._buffers is None or (self._buffers.dt, self._buffers.nt) != self._axis:
            with part(self.timings, "allocate"):
                self._buffers = self._new_buffers()
        with part(self.timings, "model"):
            self._buffers.set_model(vp, self.nbl, self._damp)
        return self._buffers

    def _new_buffers(self) -> ShotBuffers:
        options = {"axis": self._axis, "correct_time_dispersion": self.correct_time_dispersion,
                   "tables": self.operators.cache_directory / "tables"}
        if self.anisotropy is not None:
            # Devito's functions: imported only for TTI runs
            from seisless_compute.solvers.tti_buffers import TTIShotBuffers

            return TTIShotBuffers(self._devito_grid, self.geometry, anisotropy=self.anisotropy,
                                  space_order=self.space_order, nbl=self.nbl, **options)
        factory = (HostFieldFactory(self.computational_grid["shape"], self.space_order, self.nbl)
                   if self.host_kernels else
                   DevitoFieldFactory(self._devito_grid, self.space_order, self.nbl))
        return ShotBuffers(factory, self.geometry, **options)

    def kind(self, equation: str, **flags) -> OperatorKind:
        """The operator ``equation`` (with ``flags``) of this engine's physics."""
        return OperatorKind(equation, physics=self.physics, **flags)

    def check_data(self, data: np.ndarray, name: str, vp: np.ndarray) -> np.ndarray:
        """Records ``data`` as float32, refused unless ``(nt, nrec)`` on ``vp``'s time axis."""
        with part(self.timings, "checks"):
            data = np.asarray(data, dtype=np.float32)
            expected = (self.time_axis(vp)[1], self.geometry.nrec)
        if data.shape != expected:
            raise InputError(name, f"shape {data.shape}", f"{expected} (nt, nrec) on the "
                             "solver's time axis (resample first)")
        return data

    def run(self, kind: OperatorKind, b: ShotBuffers, zero=(), **buffers) -> None:
        """Apply operator ``kind`` to the buffers (zeroing ``zero`` first); record timings."""
        op = self.operators.get(kind)
        with part(self.timings, "zero"):
            b.reset(*zero)
        self._kernel_starts()
        args = {**self._args(op, b, **buffers), **self._factor_arg(op)}
        if isinstance(op, HostKernel):
            sections = op.run(**args)
        else:
            sections = summary_sections(op.apply(**args))
        updates = math.prod(self.computational_grid["shape"]) * (b.nt - 2)
        record(self.timings, op.name, sections, updates=updates)

    def propagate(self, equation: str, b: ShotBuffers, *, keep: bool, isic: bool = False,
                  whole: bool = False, zero=()) -> None:
        """Run the forward or Born operator (``equation``) on the buffers of :meth:`prepare`.

        ``keep``: also keep what :meth:`image` reads, the whole history of the (background)
        wavefield or, with a subsampling factor k > 1 and not ``whole``, every k-th step. With
        ``illumination``, ``sum_t u^2`` accumulates into ``fields.illum``. ``zero``: the
        other buffers to zero first (receivers, the scattered wavefield). ``isic``: the imaging
        pair is the inverse-scattering one (the Born source; and the image to come, which reads
        the history's neighbours, so it is kept on the whole grid).
        """
        f, factor = b.fields, 1 if whole else self.subsampling_factor
        # Zeroing a wavefield zeroes its TTI partner too (TTIShotBuffers.reset).
        wave = f.u if equation == "forward" else f.u3
        physical = keep and self._physical_history(factor, isic)
        buffers = {}
        with part(self.timings, "allocate"):
            if keep:
                buffers = self._history(b, factor, physical)
            if keep and factor == 1:
                wave = buffers["u"]
        kind = self.kind(equation, isic=isic and equation == "born", save=keep,
                         subsampled=keep and factor > 1, physical=physical,
                         illumination=self.illumination)
        illum = (f.illum,) if self.illumination else ()
        self.run(kind, b, zero=(wave, *buffers.values(), *illum, *zero), **buffers,
                 **self._narrowing(physical))

    def image(self, b: ShotBuffers, *, isic: bool, checkpointing: bool) -> None:
        """``fields.grad = J^T resid`` from the history the last :meth:`propagate` kept (or,
        ``checkpointing``, recomputed under Revolve); a history kept every k-th step gives the
        sum over those steps times k."""
        f = b.fields
        if checkpointing:
            b.reset(f.u, f.v3, f.grad)
            self.run_checkpointed(self.kind("gradient", isic=isic), b, rec=b.resid)
            return
        factor = self.subsampling_factor
        physical = self._physical_history(factor, isic)
        with part(self.timings, "allocate"):
            history = self._history(b, factor, physical)
        self.run(self.kind("gradient", isic=isic, save=True, subsampled=factor > 1,
                           physical=physical), b, rec=b.resid, zero=(f.v3, f.grad), **history,
                 **self._narrowing(physical))
        if factor > 1:
            with part(self.timings, "image"):
                f.grad.data[:] *= factor

    def _physical_history(self, factor: int, isic: bool) -> bool:
        """Whether a history kept every ``factor``-th step covers the physical region only: the
        standard imaging condition of the acoustic operators reads it point by point, and the
        gradient is cropped to that region (a third less memory for the demo's grid)."""
        return factor > 1 and not isic and self.physics == "acoustic"

    def _history_top(self, physical: bool) -> int:
        """Rows a history leaves out at the top: the muted ones, for a history of the physical
        region run by host kernels (which take the region's thickness at each call; Devito's
        functions keep the region they were built with)."""
        return self.muted_rows if physical and self.host_kernels else 0

    def _history(self, b: ShotBuffers, factor: int, physical: bool) -> dict:
        top = self._history_top(physical)
        return b.history(factor, physical, top) if top else b.history(factor, physical)

    def _narrowing(self, physical: bool) -> dict:
        """The region's thickness at the top when the history leaves rows out: the operators
        keep and image the rows below them only (``host_kernel``)."""
        top = self._history_top(physical)
        if not top:
            return {}
        last = "xyz"[len(self.grid.shape) - 1]  # Devito's name of the grid's last dimension
        return {f"{last}_ltkn0": self.nbl + top}

    def run_checkpointed(self, gradient: OperatorKind, b: ShotBuffers, **buffers) -> None:
        """Run the forward operator, then ``gradient`` backwards in time, under Revolve: the
        forward wavefield ``u`` is recomputed from checkpoints instead of stored."""
        from seisless_compute.solvers.revolve import (
            revolve_gradient,  # Devito's Revolve
        )

        forward_op = self.operators.get(self.kind("forward"))
        gradient_op = self.operators.get(gradient)
        self._kernel_starts()
        seconds = revolve_gradient((forward_op, self._args(forward_op, b)),
                                   (gradient_op, self._args(gradient_op, b, **buffers)),
                                   u=b.checkpointed(), nt=b.nt)
        record(self.timings, gradient.name, seconds, updates=None)

    def _kernel_starts(self) -> None:
        """Note the start of the first operator run (the end of the job's fixed cost)."""
        if self.timings.first_kernel_at is None:
            self.timings.first_kernel_at = time.time()

    @staticmethod
    def _args(op, b: ShotBuffers, **buffers) -> dict:
        """``op.apply`` arguments: the buffers it names (``buffers`` override), the time axis."""
        f, names = b.fields, _parameter_names(op)
        args = {"scale": f.scale, "keep": f.keep, "b": f.b, "dm": f.dm, "u": f.u, "v": f.v,
                "du": f.du, "u3": f.u3, "v3": f.v3, "src": f.src, "rec": f.rec, "srca": f.srca,
                "grad": f.grad, "illum": f.illum, "dt": b.dt, **b.extra_args(), **buffers}
        args = {k: v for k, v in args.items() if k in names}
        return {**args, "time_m": 1, "time_M": b.nt - 2}

    def _factor_arg(self, op) -> dict:
        """The subsampling factor of an operator that writes or reads a subsampled history."""
        names = _parameter_names(op)
        return {_FACTOR_ARG: self.subsampling_factor} if _FACTOR_ARG in names else {}
