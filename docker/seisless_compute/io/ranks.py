"""MPI ranks of a job: only rank 0 touches S3 and SQS, the others receive what it read.

``mpi4py`` is imported only when the job was started by ``mpirun`` with more than one rank, so
a single-process job pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from seisless_compute.errors import SeislessError

__all__ = ["Ranks"]

_SIZE_VARS = ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE")
_RANK_VARS = ("OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK")


def _first_int(env: Mapping[str, str], names: tuple[str, ...], default: int) -> int:
    for name in names:
        if env.get(name, "").isdigit():
            return int(env[name])
    return default


class Ranks:
    """This process's place in the job (rank, size) and the collective steps the tasks need."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.size = _first_int(env, _SIZE_VARS, 1)
        self.rank = _first_int(env, _RANK_VARS, 0) if self.size > 1 else 0
        self._comm = None

    @property
    def is_root(self) -> bool:
        """Whether this is rank 0, the one that does I/O and messaging."""
        return self.rank == 0

    @property
    def comm(self):
        """``MPI.COMM_WORLD`` (mpi4py imported on first use)."""
        if self._comm is None:
            from mpi4py import MPI

            self._comm = MPI.COMM_WORLD
        return self._comm

    def share(self, read: Callable[[], dict]) -> dict:
        """Run ``read`` on rank 0 and give every rank its result.

        Arrays travel with ``Bcast`` (no pickling, no 2 GiB limit); other values are pickled.
        A ``SeislessError`` raised on rank 0 is raised on every rank.
        """
        if self.size == 1:
            return read()
        outcome: tuple[bool, object] | None = None
        if self.is_root:
            try:
                outcome = (True, read())
            except SeislessError as error:
                outcome = (False, error)
        arrays, plain = self._split(outcome)
        ok, value = self.comm.bcast((outcome[0], plain) if self.is_root else None, root=0)
        if not ok:
            raise value
        layout = self.comm.bcast({k: (a.shape, a.dtype.str) for k, a in arrays.items()}, root=0)
        for name, (shape, dtype) in layout.items():
            buffer = arrays[name] if self.is_root else np.empty(shape, dtype=dtype)
            self.comm.Bcast(np.ascontiguousarray(buffer), root=0)
            arrays[name] = buffer
        return {**value, **arrays}

    @staticmethod
    def _split(outcome) -> tuple[dict, object]:
        if outcome is None or not outcome[0]:
            return {}, None if outcome is None else outcome[1]
        values = outcome[1]
        arrays = {k: v for k, v in values.items() if isinstance(v, np.ndarray)}
        return arrays, {k: v for k, v in values.items() if k not in arrays}

    def abort(self, code: int) -> None:
        """Stop every rank (after an unexpected error on one of them)."""
        if self.size > 1:
            self.comm.Abort(code)
