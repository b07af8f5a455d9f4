"""The machinery behind :class:`~seisless_compute.solvers.AcousticSolver`: the computational
grid, the time axis, the buffers, and running operators (compiled once) on them."""

from __future__ import annotations

import math
import os

import numpy as np
from devito import Grid as DevitoGrid

from seisless_compute.errors import InputError
from seisless_compute.solvers.buffers import ShotBuffers
from seisless_compute.solvers.cache import (
    OperatorCache,
    SharedOperators,
    default_cache_dir,
)
from seisless_compute.solvers.compiled import OperatorSet
from seisless_compute.solvers.distributed import gather_everywhere, gather_to_root
from seisless_compute.solvers.environment import configure_devito
from seisless_compute.solvers.extension import crop, damping
from seisless_compute.solvers.revolve import revolve_gradient
from seisless_compute.solvers.timeaxis import stable_time_axis
from seisless_compute.solvers.timing import record, summary_sections
from seisless_compute.solvers.types import Grid, ShotGeometry, Timings

__all__ = ["SolverEngine"]


class SolverEngine:
    """Grid, time axis, buffers and operator runs of one shot (see ``AcousticSolver``)."""

    def __init__(self, grid: Grid, geometry: ShotGeometry, *, space_order: int = 8,
                 nbl: int = 40, checkpointing: bool = False,
                 cache_dir: str | os.PathLike | None = None, vp_max: float | None = None,
                 shared_operators: SharedOperators | None = None):
        configure_devito()
        self.grid, self.geometry = grid, geometry
        self.space_order, self.nbl, self.checkpointing = space_order, nbl, checkpointing
        self.timings = Timings()
        shape = tuple(n + 2 * nbl for n in grid.shape)
        self._devito_grid = DevitoGrid(
            shape=shape, extent=tuple((n - 1) * h for n, h in zip(shape, grid.spacing)),
            origin=tuple(o - nbl * h for o, h in zip(grid.origin, grid.spacing)),
            dtype=np.float32)
        self._damp = damping(shape, grid.spacing, nbl)
        cache = OperatorCache(default_cache_dir() if cache_dir is None else cache_dir,
                              shared_operators)
        self._ops = OperatorSet(self._devito_grid, space_order, geometry.nrec, cache,
                                self.timings)
        self._vp_max = vp_max
        self._buffers: ShotBuffers | None = None
        self._axis = None if vp_max is None else self._axis_for(vp_max)

    @property
    def dt_ms(self) -> float:
        """Time step of the computational axis, ms (RuntimeError before it is known)."""
        return self._current_axis()[0]

    @property
    def nt(self) -> int:
        """Number of samples of the computational axis (``t = 0 .. (nt-1) dt``)."""
        return self._current_axis()[1]

    def time_axis(self, vp: np.ndarray) -> tuple[float, int]:
        """The ``(dt_ms, nt)`` a call with velocity ``vp`` (km/s) uses."""
        vmax = float(np.max(vp))
        if self._vp_max is None:
            return self._axis_for(vmax)
        if vmax > self._vp_max * (1 + 1e-6):
            raise InputError("vp", f"max {vmax:.4g} km/s", f"<= vp_max {self._vp_max:.4g} km/s")
        return self._axis_for(self._vp_max)

    def _axis_for(self, vmax: float) -> tuple[float, int]:
        return stable_time_axis(self.grid.spacing, self.space_order, vmax,
                                self.geometry.recording_time_ms)

    def _current_axis(self) -> tuple[float, int]:
        if self._axis is None:
            raise RuntimeError("time axis unknown before the first call; use time_axis(vp)")
        return self._axis

    def _prepare(self, vp: np.ndarray) -> ShotBuffers:
        """Fix the time axis for ``vp``, (re)allocate buffers if it changed, set the model."""
        vp = np.asarray(vp, dtype=np.float32)
        if vp.shape != tuple(self.grid.shape):
            raise InputError("vp", f"shape {vp.shape}", f"the grid shape {self.grid.shape}")
        self._axis = self.time_axis(vp)
        if self._buffers is None or (self._buffers.dt, self._buffers.nt) != self._axis:
            self._buffers = ShotBuffers(self._devito_grid, self.geometry, self.space_order,
                                        self._axis)
        self._buffers.set_model(vp, self.nbl, self._damp)
        return self._buffers

    def _check_data(self, data: np.ndarray, name: str, vp: np.ndarray) -> np.ndarray:
        data = np.asarray(data, dtype=np.float32)
        expected = (self.time_axis(vp)[1], self.geometry.nrec)
        if data.shape != expected:
            raise InputError(name, f"shape {data.shape}", f"{expected} (nt, nrec) on the "
                             "solver's time axis (resample first)")
        return data

    def _born(self, vp: np.ndarray, dm: np.ndarray, isic: bool, save: bool) -> np.ndarray:
        """``J dm`` (optionally keeping the background wavefield's history)."""
        b = self._prepare(vp)
        dm = np.asarray(dm, dtype=np.float32)
        if dm.shape != tuple(self.grid.shape):
            raise InputError("dm", f"shape {dm.shape}", f"the grid shape {self.grid.shape}")
        b.set_perturbation(dm, self.nbl)
        if isic:
            b.fill_inverse_m()
        kind = "born" + ("-isic" if isic else "") + ("-save" if save else "")
        history = {"u": b.saved} if save else {}
        u = b.saved if save else b.fields.u3
        self._run(kind, b, zero=(u, b.fields.du, b.fields.rec), **history)
        return gather_everywhere(b.fields.rec)

    def _image(self, residual: np.ndarray, isic: bool) -> np.ndarray:
        """``J^T residual``, cropped, on rank 0. The last run must be the matching forward
        (or Born) run with ``save=not checkpointing``, at the same model."""
        b, f = self._buffers, self._buffers.fields
        b.resid.data[:] = residual
        if isic:
            b.fill_inverse_m()
        kind = "gradient-isic" if isic else "gradient"
        if self.checkpointing:
            b.reset(f.u, f.v3, f.grad)
            forward, gradient = self._ops.get("forward"), self._ops.get(kind)
            forward = (forward, self._args(forward, b, u=f.u))
            gradient = (gradient, self._args(gradient, b, u=f.u, rec=b.resid))
            record(self.timings, kind, revolve_gradient(forward, gradient, f.u, b.nt), None)
        else:
            self._run(kind + "-save", b, u=b.saved, rec=b.resid, zero=(f.v3, f.grad))
        grad = gather_to_root(f.grad)
        return np.empty(0, np.float32) if grad is None else crop(grad, self.nbl)

    @staticmethod
    def _args(op, b: ShotBuffers, **buffers) -> dict:
        """``op.apply`` arguments: the buffers it names (``buffers`` override), the time axis."""
        f, names = b.fields, {p.name for p in op.parameters}
        args = {"scale": f.scale, "keep": f.keep, "b": f.b, "dm": f.dm, "u": f.u, "v": f.v,
                "du": f.du, "u3": f.u3, "v3": f.v3, "src": f.src, "rec": f.rec, "srca": f.srca,
                "grad": f.grad, "dt": b.dt, **buffers}
        args = {k: v for k, v in args.items() if k in names}
        return {**args, "time_m": 1, "time_M": b.nt - 2}

    def _run(self, kind: str, b: ShotBuffers, zero=(), **buffers) -> None:
        """Apply operator ``kind`` to the buffers (zeroing ``zero`` first); record timings."""
        op = self._ops.get(kind)
        b.reset(*zero)
        summary = op.apply(**self._args(op, b, **buffers))
        updates = math.prod(self._devito_grid.shape) * (b.nt - 2)
        record(self.timings, op.name, summary_sections(summary), updates)
