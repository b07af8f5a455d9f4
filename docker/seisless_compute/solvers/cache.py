"""Cache of compiled Devito operators (pickles carrying their shared object): on disk, and
optionally shared between machines through a store addressed by the same key (the bucket)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Literal, Protocol

from seisless_compute.io.local_files import write_atomically

__all__ = ["OperatorCache", "SharedOperators", "Source", "default_cache_dir"]

#: Where an operator came from: the local directory, the shared store, or a fresh compilation.
Source = Literal["disk", "shared", "compiled"]

_UNPICKLING_ERRORS = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                      ValueError, TypeError, IndexError)


class SharedOperators(Protocol):
    """Compiled operators shared between machines, by file name (the key's hash).

    Implementations never raise for an unreachable or refusing store: they warn and behave as
    if the entry were missing (``fetch``) or not written (``publish``).
    """

    def fetch(self, name: str) -> bytes | None:
        """The pickle stored under ``name``, or None."""

    def publish(self, name: str, body: bytes) -> None:
        """Store ``body`` under ``name`` unless an entry exists already."""


def default_cache_dir(env=os.environ) -> Path:
    """``$SEISLESS_CACHE_DIR``, else ``~/.cache/seisless/devito``."""
    configured = env.get("SEISLESS_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "seisless" / "devito"


class OperatorCache:
    """Pickled operators under ``directory``, one file per hash of what determines their code.

    A pickle carries the compiled shared object, so loading one skips lowering and compilation
    (and runs code): the directory, and the shared store, must be writable only by trusted jobs.

    Parameters
    ----------
    directory : str or os.PathLike
        Cache directory (created on first write).
    shared : SharedOperators, optional
        Consulted on a local miss; receives what this process compiles.
    """

    def __init__(self, directory: str | os.PathLike, shared: SharedOperators | None = None):
        self.directory = Path(directory)
        self.shared = shared

    def path(self, key: dict) -> Path:
        """File of the operator described by ``key`` (a JSON-serialisable dict)."""
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
        return self.directory / f"{key.get('kind', 'op')}-{digest}.pkl"

    def get(self, key: dict, build: Callable[[], object]) -> tuple[object, float, Source]:
        """The operator for ``key``: from disk, else from the shared store, else compiled.

        Parameters
        ----------
        key : dict
            Everything that determines the generated code.
        build : callable
            Returns a new (un-compiled) ``devito.Operator``.

        Returns
        -------
        tuple
            ``(operator, seconds spent, source)``.
        """
        start = time.perf_counter()
        path = self.path(key)
        try:
            with path.open("rb") as handle:
                return pickle.load(handle), time.perf_counter() - start, "disk"
        except _UNPICKLING_ERRORS:
            pass  # missing or unreadable: try the shared store, else rebuild and overwrite
        operator = self._from_shared(path)
        if operator is not None:
            return operator, time.perf_counter() - start, "shared"
        operator = build()
        operator.cfunction  # noqa: B018 - lowering done; this JIT-compiles and loads the binary
        body = pickle.dumps(operator, protocol=pickle.HIGHEST_PROTOCOL)
        self._keep(path, body)
        if self.shared is not None:
            self.shared.publish(path.name, body)
        return operator, time.perf_counter() - start, "compiled"

    def _from_shared(self, path: Path) -> object | None:
        """The shared entry of ``path``'s name, loaded and kept on disk; None when absent."""
        body = None if self.shared is None else self.shared.fetch(path.name)
        if body is None:
            return None
        try:
            operator = pickle.loads(body)
        except _UNPICKLING_ERRORS as error:
            warnings.warn(f"{path.name}: shared operator unusable ({error}); compiling",
                          stacklevel=3)
            return None
        self._keep(path, body)
        return operator

    def _keep(self, path: Path, body: bytes) -> None:
        try:
            self._write(path, body)
        except OSError as error:  # a read-only or full cache must not fail the job
            warnings.warn(f"{path}: operator not cached ({error})", stacklevel=3)

    def _write(self, path: Path, body: bytes) -> None:
        write_atomically(path, body)
