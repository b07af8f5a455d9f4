"""The operators of one solver configuration, each compiled once or loaded from the cache."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from seisless_compute import operators
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.solvers.cache import OperatorCache
from seisless_compute.solvers.host_operators import HostOperators, host_signature
from seisless_compute.solvers.operator_kind import OperatorKind
from seisless_compute.solvers.types import Timings

__all__ = ["OperatorSet", "operators_digest"]


@cache
def operators_digest() -> str:
    """Hash of the operator builders' source: a cache written by other equations is not used."""
    digest = hashlib.sha256()
    for path in sorted(Path(operators.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _build(kind: OperatorKind, grid, *, space_order: int, nrec: int, nbl: int):
    """A fresh operator of ``kind``, compiled for the process's target ``-march``."""
    from seisless_compute.solvers.environment import jit_cflags, jit_tag

    op = _symbolic(kind, grid, space_order=space_order, nrec=nrec, nbl=nbl)
    # Devito gives each operator its own copy of the compiler, with -march=native.
    op._compiler.cflags = jit_cflags(op._compiler.cflags)
    # Devito names the shared object after the code alone and loads any file of that name in
    # its JIT directory (compiling or unpickling): without the target in the name, a binary
    # compiled for another -march (e.g. at image build time) would be loaded instead. A new
    # hash rather than a suffix: codepy's cache is filed under the name's first 7 characters
    # and would otherwise claim, for the new name, a binary it built under the old one.
    tagged = hashlib.sha1(f"{op._soname}:{jit_tag()}".encode()).hexdigest()
    op.__dict__["_soname"] = tagged  # overrides a cached_property
    return op


def _symbolic(kind: OperatorKind, grid, *, space_order: int, nrec: int, nbl: int):
    """A fresh operator of ``kind`` from data-free symbolic objects (so its pickle is small);
    ``nbl`` bounds the physical region of a ``physical`` kind's history."""
    from seisless_compute.operators import (
        PhysicalRegion,
        adjoint_operator,
        born_operator,
        forward_operator,
        gradient_operator,
        make_fields,
        saved_wavefield,
        subsampled_wavefield,
    )

    nt = 3  # sparse-function length does not enter the generated code
    f = make_fields(grid, space_order=space_order, nt=nt, nrec=nrec)
    # The factor (2 here) is a run-time argument of the generated code, like nt.
    region = PhysicalRegion(nbl, grid=grid) if kind.physical else None
    usave = (subsampled_wavefield(grid, space_order, nt, factor=2, region=region)
             if kind.subsampled else None)
    saved = saved_wavefield(grid, space_order, nt) if kind.save and usave is None else None
    if kind.physics == "tti":
        return _symbolic_tti(kind, f, usave=usave, saved=saved, nt=nt)
    history = {"usave": usave, "illumination": kind.illumination}
    if kind.equation == "forward":
        return forward_operator(f, u=saved, **history)
    if kind.equation == "adjoint":
        return adjoint_operator(f)
    if kind.equation == "born":
        return born_operator(f, u=saved, isic=kind.isic, **history)
    return gradient_operator(f, u=usave if usave is not None else saved, isic=kind.isic)


def _symbolic_tti(kind: OperatorKind, f, *, usave, saved, nt: int):
    """The TTI operator of ``kind`` (``usave``/``saved``: the history of ``p``, as above)."""
    from seisless_compute.operators import (
        make_tti_fields,
        saved_wavefield,
        subsampled_wavefield,
        tti_adjoint_operator,
        tti_born_operator,
        tti_forward_operator,
        tti_gradient_operator,
    )

    grid, space_order = f.grid, f.space_order
    aniso = make_tti_fields(grid, space_order)
    rsave = None if usave is None else subsampled_wavefield(
        grid, space_order, nt, factor=2, name="ursave", time_dim=usave.time_dim)
    rsaved = None if saved is None else saved_wavefield(grid, space_order, nt, name="ur")
    waves = (saved, rsaved) if saved is not None else None
    history = {"usave": usave, "rsave": rsave, "illumination": kind.illumination}
    if kind.equation == "forward":
        return tti_forward_operator(f, aniso, waves=waves, **history)
    if kind.equation == "adjoint":
        return tti_adjoint_operator(f, aniso)
    if kind.equation == "born":
        return tti_born_operator(f, aniso, waves=waves, isic=kind.isic, **history)
    return tti_gradient_operator(f, aniso, isic=kind.isic,
                                 waves=(usave, rsave) if usave is not None else waves)


class OperatorSet:
    """Lazily obtained operators for one computational grid.

    Parameters
    ----------
    grid : callable
        Returns the computational ``devito.Grid`` (absorbing layer included); called only when
        an operator is built or its Devito key computed.
    space_order, nrec : int
        Spatial order and number of receivers.
    nbl : int
        Width of the absorbing layer: the physical region a ``physical`` history covers (in
        both keys: the captured arguments of a host kernel carry it).
    cache : OperatorCache
        Where compiled operators are kept between processes.
    timings : Timings
        Receives the time spent obtaining operators.
    host : dict, optional
        The computational grid as ``shape``, ``spacing`` and ``origin``: operators are then
        :class:`~seisless_compute.solvers.host_kernel.HostKernel` s run without Devito, from
        ``<cache>/host`` (captured there from Devito's operator when missing).
    """

    def __init__(self, grid: Callable[[], object], *, space_order: int, nrec: int, nbl: int,
                 cache: OperatorCache, timings: Timings, host: dict | None = None):
        self._grid, self._space_order, self._nrec, self._nbl = grid, space_order, nrec, nbl
        self._cache, self._timings, self._ops = cache, timings, {}
        self._host = host
        self._host_store = HostOperators(cache.directory / "host")

    @property
    def cache_directory(self) -> Path:
        """The local compile cache's directory."""
        return self._cache.directory

    def key(self, kind: OperatorKind) -> dict:
        """Everything that determines the code of operator ``kind``.

        The time-axis length ``nt`` is deliberately absent: it is a run-time argument of the
        generated code, and a solver whose ``dt`` follows the model would otherwise recompile
        whenever the maximum velocity changes.
        """
        from seisless_compute.solvers.environment import code_signature

        g = self._grid()
        return {"kind": kind.name, "ndim": g.dim, "shape": list(g.shape),
                "spacing": [float(h) for h in g.spacing],
                "origin": [float(o) for o in g.origin], "space_order": self._space_order,
                "nrec": self._nrec, "nbl": self._nbl, "dtype": np.dtype(g.dtype).name, "opt": repr(DEFAULT_OPT),
                "operators": operators_digest(), **code_signature()}

    def host_key(self, kind: OperatorKind) -> dict:
        """What files operator ``kind`` for running without Devito (``host_operators``)."""
        host = self._host or {}
        return {"kind": kind.name, **host, "space_order": self._space_order,
                "nrec": self._nrec, "nbl": self._nbl, "dtype": "float32", "opt": repr(DEFAULT_OPT),
                "operators": operators_digest(), **host_signature()}

    def get(self, kind: OperatorKind):
        """The operator of ``kind``, compiled or loaded on first use."""
        if kind not in self._ops:
            begin = time.perf_counter()
            if self._host is None:
                op, _, source = self._devito(kind)
            else:
                op, source = self._host_kernel(kind)
            self._ops[kind] = op
            timings = self._timings
            timings.compile_s += time.perf_counter() - begin
            timings.compile_cached = timings.compile_cached and source != "compiled"
            timings.compile_sources[source] = timings.compile_sources.get(source, 0) + 1
        return self._ops[kind]

    def _devito(self, kind: OperatorKind):
        return self._cache.get(
            self.key(kind),
            lambda: _build(kind, self._grid(), space_order=self._space_order, nrec=self._nrec,
                           nbl=self._nbl))

    def _host_kernel(self, kind: OperatorKind):
        """The kernel of ``kind`` from ``<cache>/host``, else Devito's operator captured there."""
        key = self.host_key(kind)
        kernel = self._host_store.load(key)
        if kernel is not None:
            return kernel, "disk"
        op, _, source = self._devito(kind)
        factor = f"{operators.SUBSAMPLED_TIME}f"
        names = {p.name for p in op.parameters}

        def fields_at(dt: float, subsampling: int):
            extra = {factor: subsampling} if factor in names else {}
            return op.arguments(time_m=1, time_M=1, dt=dt, **extra)

        return self._host_store.store(key, op, fields_at), source
