"""Forward-modelling throughput for the benchmark script."""

from __future__ import annotations

import math

import numpy as np
from devito import Grid as DevitoGrid

from seisless_compute.operators import (
    DEFAULT_OPT,
    forward_operator,
    make_fields,
    ricker,
)
from seisless_compute.solvers.environment import configure_devito
from seisless_compute.solvers.hugepages import advise_huge_pages
from seisless_compute.solvers.timing import summary_sections

__all__ = ["measure_forward_gpts"]


def measure_forward_gpts(shape3d: tuple[int, int, int], space_order: int = 8, nt: int = 100,
                         *, repeats: int = 3, opt=DEFAULT_OPT) -> float:
    """Grid-point updates per second (1e9) of the 3D acoustic forward operator.

    The operator is the solver's (same stencil, damping term and source injection), on a
    constant 2 km/s model with 10 m spacing and the absorbing layer's ``damp`` term present
    (zero-valued), one source and one receiver. Compilation is excluded.

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
    f = make_fields(grid, space_order, nt, 1)
    advise_huge_pages(f.m, f.damp, f.u)  # as the solvers' ShotBuffers do
    op = forward_operator(f, opt=opt)
    f.m.data[:] = 0.25
    f.damp.data[:] = 0.0
    centre = np.array([[10.0 * (n - 1) / 2 for n in shape3d]], dtype=np.float32)
    f.src.coordinates.data[:] = centre
    f.rec.coordinates.data[:] = centre
    f.src.data[:] = ricker(15.0, 1.0, nt).reshape(-1, 1)
    best = math.inf
    for _ in range(max(repeats, 1)):
        f.u.data[:] = 0.0
        summary = op.apply(dt=1.0, time_m=1, time_M=nt - 2)
        best = min(best, sum(summary_sections(summary).values()))
    return math.prod(shape3d) * (nt - 2) / best / 1e9
