"""On-disk cache of compiled Devito operators (pickles carrying their shared object)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

__all__ = ["OperatorCache", "default_cache_dir"]


def default_cache_dir(env=os.environ) -> Path:
    """``$SEISLESS_CACHE_DIR``, else ``~/.cache/seisless/devito``."""
    configured = env.get("SEISLESS_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "seisless" / "devito"


class OperatorCache:
    """Pickled operators under ``directory``, one file per hash of what determines their code.

    A pickle carries the compiled shared object, so loading one skips lowering and compilation
    (and runs code): the directory must be writable only by trusted jobs.

    Parameters
    ----------
    directory : str or os.PathLike
        Cache directory (created on first write).
    """

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    def path(self, key: dict) -> Path:
        """File of the operator described by ``key`` (a JSON-serialisable dict)."""
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
        return self.directory / f"{key.get('kind', 'op')}-{digest}.pkl"

    def get(self, key: dict, build: Callable[[], object]) -> tuple[object, float, bool]:
        """The operator for ``key``: loaded from disk, else built, compiled and stored.

        Parameters
        ----------
        key : dict
            Everything that determines the generated code.
        build : callable
            Returns a new (un-compiled) ``devito.Operator``.

        Returns
        -------
        tuple
            ``(operator, seconds spent, loaded_from_cache)``.
        """
        start = time.perf_counter()
        path = self.path(key)
        try:
            with path.open("rb") as handle:
                return pickle.load(handle), time.perf_counter() - start, True
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            pass  # missing or unreadable: rebuild and overwrite
        operator = build()
        operator.cfunction  # noqa: B018 - lowering done; this JIT-compiles and loads the binary
        try:
            self._write(path, operator)
        except OSError as error:  # a read-only or full cache must not fail the job
            warnings.warn(f"{path}: operator not cached ({error})", stacklevel=2)
        return operator, time.perf_counter() - start, False

    def _write(self, path: Path, operator: object) -> None:
        """Write atomically: a temporary file in the same directory, then rename."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pkl")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(operator, handle, protocol=pickle.HIGHEST_PROTOCOL)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o644)  # mkstemp makes 0600; the cache may be shared
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
