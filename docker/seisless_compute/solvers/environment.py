"""Devito's process-wide configuration for a compute job: OpenMP, MPI, logging, and the
compile target (``SEISLESS_MARCH``, see ``target``).

Read from the environment once per process (the tasks layer sets ``OMP_NUM_THREADS`` from the
job's vCPUs; ``mpirun`` sets its rank variables). Devito is imported by the functions that
need it: a job that runs compiled operators (``host_kernel``) never does.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
from functools import cache

from seisless_compute.solvers.target import CompileTarget, compile_target, isa_of

__all__ = ["code_signature", "configure_devito", "jit_cflags", "jit_tag", "mpi_comm",
           "mpi_requested"]

_RANK_SIZE_VARIABLES = ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "MV2_COMM_WORLD_SIZE")


def mpi_requested(env=os.environ) -> bool:
    """True under ``mpirun`` with more than one rank, or when ``DEVITO_MPI`` asks for MPI."""
    if env.get("DEVITO_MPI", "0") not in ("", "0"):
        return True
    if any(int(env.get(name, "1") or "1") > 1 for name in _RANK_SIZE_VARIABLES):
        return True
    mpi = sys.modules.get("mpi4py.MPI")
    return bool(mpi and mpi.Is_initialized() and mpi.COMM_WORLD.Get_size() > 1)


@cache
def configure_devito() -> None:
    """Set Devito's language (OpenMP unless ``DEVITO_LANGUAGE`` says otherwise), MPI and logging.

    Idempotent. Under MPI, initialises MPI (thread level as mpi4py's default) and switches on
    Devito's domain decomposition (``configuration['mpi'] = True``, i.e. ``basic`` halo
    exchanges) unless ``DEVITO_MPI`` already chose a mode. ``OMP_WAIT_POLICY`` defaults to
    ``passive`` (before the OpenMP runtime loads): on shared or oversubscribed CPUs (the local
    cloud runs several jobs per machine) spinning threads made the 3D forward kernel 4-8x
    slower (0.06-0.13 against 0.50 GPts/s, 2 threads, 128^3); idle threads sleeping costs
    little at one barrier per time step.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    from devito import configuration

    if "DEVITO_LOGGING" not in os.environ:
        configuration["log-level"] = "WARNING"
    if "DEVITO_LANGUAGE" not in os.environ:
        configuration["language"] = "openmp"
    if mpi_requested() and not configuration["mpi"]:
        configuration["mpi"] = True
    if configuration["mpi"]:
        from devito.mpi.distributed import devito_mpi_init

        devito_mpi_init()
    _align_isa(compile_target_in_use())


@cache
def compile_target_in_use() -> CompileTarget | None:
    """The ``-march`` target of this process (``SEISLESS_MARCH`` if this CPU runs it, else
    native); None when Devito's compiler does not use ``-march=native`` (not gcc on x86)."""
    from devito import configuration

    compiler = configuration["compiler"]
    if "-march=native" not in compiler.cflags:
        return None
    return compile_target(compiler.CC, os.environ.get("SEISLESS_MARCH"))


def _align_isa(target: CompileTarget | None) -> None:
    """Make Devito's ISA (vector width of its code, ``-mprefer-vector-width``) that of the
    target rather than of the CPU at hand, so that the code does not depend on the build host.
    Operators copy the compiler with the platform when they are built, so this reaches them."""
    from devito import configuration

    platform = configuration["platform"]
    isa = None if target is None else isa_of(target)
    if isa in getattr(platform, "known_isas", ()):
        platform.isa = isa


def jit_cflags(cflags: list[str]) -> list[str]:
    """``cflags`` with ``-march=native`` replaced by the target of this process."""
    target = compile_target_in_use()
    if target is None:
        return list(cflags)
    return [f"-march={target.march}" if flag == "-march=native" else flag for flag in cflags]


@cache
def jit_tag() -> str:
    """A short hash of the flags and target operators are compiled with (see ``compiled``)."""
    target = compile_target_in_use()
    text = "\n".join([*_operator_cflags(), "" if target is None else target.digest])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@cache
def _operator_cflags() -> tuple[str, ...]:
    """The flags an operator is compiled with (Devito copies its compiler for each one)."""
    from devito import configuration

    return tuple(jit_cflags(configuration["compiler"].__new_with__().cflags))


def mpi_comm():
    """The MPI world communicator when Devito runs distributed, else None (also when Devito
    was never imported: a process running compiled operators without it is serial)."""
    if "devito" not in sys.modules:
        return None
    from devito import configuration

    if not configuration["mpi"]:
        return None
    from mpi4py import MPI

    return MPI.COMM_WORLD


def code_signature() -> dict:
    """Everything of the process configuration that changes the code Devito generates, and the
    machine code the compiler makes of it: the compiler, its flags and the instruction set it
    targets (gcc's enabled options for the ``-march`` in use, not just its name)."""
    import devito
    from devito import configuration

    configure_devito()
    comm = mpi_comm()
    compiler = configuration["compiler"]
    target = compile_target_in_use()
    return {
        "devito": devito.__version__,
        "compiler": type(compiler).__name__,
        "compiler_version": str(getattr(compiler, "version", "")),
        "cflags": list(_operator_cflags()),
        "target": None if target is None else f"{target.resolved}:{target.digest}",
        "platform": str(configuration["platform"]),
        "isa": str(getattr(configuration["platform"], "isa", "")),
        "machine": platform.machine(),
        "language": str(configuration["language"]),
        "mpi": str(configuration["mpi"]),
        "profiling": str(configuration["profiling"]),
        "ranks": comm.Get_size() if comm else 1,
        "rank": comm.Get_rank() if comm else 0,
    }
