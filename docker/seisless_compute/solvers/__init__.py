"""Solvers: compile Devito operators once (or load them from the compile cache) and own buffers.

Public API::

    Grid, ShotGeometry, Timings        value types (metres, ms, Hz; Devito axis order)
    AcousticSolver                     forward, adjoint, Born, FWI / LS-RTM gradients, objectives
    TTISolver, Anisotropy              the same API for pseudo-acoustic TTI media (epsilon, delta, tilt)
    resample                           band-limited time resampling of records (nt, nrec)
    ricker                             the Ricker source wavelet
    measure_forward_gpts               forward-modelling throughput (GPts/s) for the benchmark
    measure_triad_gbps                 STREAM triad bandwidth (GB/s) for the benchmark
"""

from seisless_compute.operators.wavelet import ricker
from seisless_compute.solvers.acoustic import AcousticSolver
from seisless_compute.solvers.anisotropy import Anisotropy
from seisless_compute.solvers.resample import resample
from seisless_compute.solvers.tti import TTISolver
from seisless_compute.solvers.types import Grid, ShotGeometry, Timings

__all__ = [
    "AcousticSolver",
    "Anisotropy",
    "Grid",
    "ShotGeometry",
    "TTISolver",
    "Timings",
    "measure_forward_gpts",
    "measure_triad_gbps",
    "resample",
    "ricker",
]


def __getattr__(name: str):
    # The benchmark builds its own Devito operators: imported on first use, so that a job running
    # compiled operators without Devito does not import it through this package.
    if name in ("measure_forward_gpts", "measure_triad_gbps"):
        from seisless_compute.solvers import benchmark

        return getattr(benchmark, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
