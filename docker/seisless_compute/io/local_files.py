"""Files of a job's local caches (compiled operators, host kernels, transform tables)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, body: bytes, *, mode: int = 0o644) -> None:
    """Write ``body`` to ``path`` atomically: a temporary file in the same directory (created
    if missing), synced, then renamed, so that a concurrent reader sees all or nothing."""
    import tempfile  # here: a job whose caches are warm never writes, and tempfile costs 4 ms

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)  # mkstemp makes 0600; the cache may be shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
