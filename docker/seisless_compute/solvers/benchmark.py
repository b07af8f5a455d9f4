"""Forward-modelling throughput for the benchmark script."""

from __future__ import annotations

import math

import numpy as np
from devito import Eq, Function, Operator
from devito import Grid as DevitoGrid

from seisless_compute.operators import (
    DEFAULT_OPT,
    coefficients,
    forward_operator,
    make_fields,
    ricker,
)
from seisless_compute.solvers.environment import configure_devito
from seisless_compute.solvers.hugepages import advise_huge_pages
from seisless_compute.solvers.timing import summary_sections

__all__ = ["measure_forward_gpts", "measure_triad_gbps"]


def measure_triad_gbps(shape3d: tuple[int, int, int] = (512, 512, 256), repeats: int = 10,
                       opt=DEFAULT_OPT) -> float:
    """STREAM triad ``a = b + 3 c`` compiled like the kernels, GB/s (1e9 bytes).

    A Devito operator, so the same compiler, flags, OpenMP threads and huge-page placement as
    the wave-equation kernels (a numpy triad measured 13-22 % less on the same machine, which
    would have flattered every ratio to it). float32 arrays of ``prod(shape3d)`` elements
    (default 256 MiB each, far larger than the caches); bytes = 3 x 4 x N per pass (two loads
    and a store; write-allocate traffic not counted, as STREAM does); the fastest of
    ``repeats`` passes by the operator's own timer.
    """
    configure_devito()
    grid = DevitoGrid(shape=tuple(shape3d), dtype=np.float32)
    a, b, c = (Function(name=name, grid=grid, space_order=0) for name in "abc")
    advise_huge_pages(a, b, c)
    b.data[:], c.data[:], a.data[:] = 1.0, 2.0, 0.0
    op = Operator(Eq(a, b + 3 * c), name="triad", opt=opt)
    best = math.inf
    for _ in range(max(repeats, 1)):
        best = min(best, sum(summary_sections(op.apply()).values()))
    if not np.all(a.data[0] == 7.0):
        raise RuntimeError("triad: wrong result")
    return 3 * 4 * math.prod(shape3d) / best / 1e9


def measure_forward_gpts(shape3d: tuple[int, int, int], space_order: int = 8, nt: int = 100,
                         *, repeats: int = 3, opt=DEFAULT_OPT) -> float:
    """Grid-point updates per second (1e9) of the 3D acoustic forward operator.

    The operator is the solver's (same stencil, both coefficient arrays read everywhere, the
    wavefield in two buffers, source injection), on a constant 2 km/s model with 10 m spacing
    and 1 ms steps (no absorbing layer, so ``keep = 1``: the kernel does not depend on the
    values), one source and one receiver. Compilation is excluded.

    Parameters
    ----------
    shape3d : tuple of int
        Grid shape (the whole computational grid; no layer is added).
    space_order : int
        Spatial order of the stencil.
    nt : int
        Number of time samples; ``nt - 2`` steps are timed.
    repeats : int
        Runs; the fastest is reported (the first also warms caches and threads up).
    opt : tuple
        Devito optimisation options (default: the solvers').

    Returns
    -------
    float
        ``prod(shape3d) * (nt - 2) / t`` / 1e9, with ``t`` the summed section times of the run.
    """
    configure_devito()
    grid = DevitoGrid(shape=tuple(shape3d), extent=tuple(10.0 * (n - 1) for n in shape3d),
                      dtype=np.float32)
    f = make_fields(grid, space_order=space_order, nt=nt, nrec=1)
    advise_huge_pages(f.scale, f.keep, f.u)  # as the solvers' ShotBuffers do
    op = forward_operator(f, opt=opt)
    f.scale.data[:], f.keep.data[:] = coefficients(np.full(grid.shape, 0.25), 0.0, 1.0)
    centre = np.array([[10.0 * (n - 1) / 2 for n in shape3d]], dtype=np.float32)
    f.src.coordinates.data[:] = centre
    f.rec.coordinates.data[:] = centre
    f.src.data[:] = ricker(15.0, 1.0, nt).reshape(-1, 1)
    best = math.inf
    for _ in range(max(repeats, 1)):
        f.u.data[:] = 0.0
        summary = op.apply(time_m=1, time_M=nt - 2)
        best = min(best, sum(summary_sections(summary).values()))
    return math.prod(shape3d) * (nt - 2) / best / 1e9
