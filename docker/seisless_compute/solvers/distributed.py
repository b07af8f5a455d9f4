"""Collect distributed Devito data (MPI domain decomposition); plain copies when serial."""

from __future__ import annotations

import numpy as np

from seisless_compute.solvers.environment import mpi_comm

__all__ = ["gather_everywhere", "gather_to_root", "is_root"]


def is_root() -> bool:
    """True on rank 0 (and in a serial run)."""
    comm = mpi_comm()
    return comm is None or comm.Get_rank() == 0


def gather_to_root(function) -> np.ndarray | None:
    """The global array of a (possibly distributed) function on rank 0, None elsewhere."""
    data = function.data_gather(rank=0)
    return None if data is None else np.array(data)


def gather_everywhere(function) -> np.ndarray:
    """The global array of a (possibly distributed) function, on every rank."""
    comm = mpi_comm()
    data = gather_to_root(function)
    return data if comm is None else comm.bcast(data, root=0)
