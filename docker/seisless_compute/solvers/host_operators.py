"""Compiled operators kept for running without Devito (``host_kernel``): a manifest and a copy of
the shared object per operator, in ``<cache>/host/``.

They are filed under a key computed without importing Devito: what the operator's own key
(``compiled.OperatorSet.key``) holds except Devito's configuration, which is replaced by what
determines it on this machine: Devito's installed version, the ``DEVITO_*`` and
``SEISLESS_MARCH`` variables, the CPU's model and instruction-set flags. A process whose
configuration differs in any of them computes another key and captures its own entry.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import platform
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path

from seisless_compute.io.local_files import write_atomically
from seisless_compute.solvers.host_kernel import (
    HostKernel,
    ManifestError,
    capture,
    load,
)

__all__ = ["HostOperators", "host_signature"]

_UNUSABLE = (OSError, ValueError, KeyError, TypeError, ManifestError)


@cache
def _devito_version() -> str:
    """Devito's installed version, from its distribution's metadata directory name (importing
    ``importlib.metadata`` costs 25 ms; listing site-packages about 1)."""
    spec = importlib.util.find_spec("devito")
    if spec is None or spec.origin is None:
        return "absent"
    site = Path(spec.origin).parent.parent
    names = sorted(p.name for p in site.glob("devito-*.dist-info"))
    if names:
        return names[-1][len("devito-"):-len(".dist-info")]
    from importlib.metadata import version

    return version("devito")


@cache
def _cpu_identity() -> str:
    """The CPU's model name and flags (what Devito's platform and ``-march=native`` follow)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return f"{platform.machine()}:{platform.processor()}"
    block = text.split("\n\n", 1)[0]
    keep = [line for line in block.splitlines()
            if line.split(":", 1)[0].strip() in ("vendor_id", "model name", "flags", "Features",
                                                 "CPU part")]
    return "\n".join(keep)


def host_signature(env=os.environ) -> dict:
    """What decides Devito's configuration, and so the code of an operator, in this process."""
    return {"devito": _devito_version(), "machine": platform.machine(),
            "cpu": hashlib.sha256(_cpu_identity().encode()).hexdigest()[:16],
            "env": {k: v for k, v in sorted(env.items())
                    if k.startswith("DEVITO_") or k == "SEISLESS_MARCH"}}


class HostOperators:
    """Manifests and shared objects under ``directory`` (``<cache>/host``)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def path(self, key: dict) -> Path:
        """The manifest of the operator described by ``key`` (JSON-serialisable)."""
        digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:32]
        return self.directory / f"{key.get('kind', 'op')}-{digest}.json"

    def load(self, key: dict) -> HostKernel | None:
        """The kernel filed under ``key``; None when absent or unusable."""
        try:
            return load(self.path(key))
        except _UNUSABLE:
            return None

    def store(self, key: dict, op, fields_at: Callable) -> HostKernel:
        """Capture Devito operator ``op`` (compiled), file it under ``key`` and load it back.

        Where the cache cannot be written (read-only, full), the kernel runs from Devito's own
        copy of the shared object, captured in memory only: the job goes on, the next one
        captures again."""
        op.cfunction  # noqa: B018 - compiles or loads the shared object if not done yet
        compiled = Path(op._lib._name)
        path = self.path(key)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            library = path.with_suffix(".so")
            manifest = capture(op, library, fields_at=fields_at)
            write_atomically(library, compiled.read_bytes(), mode=0o755)
            write_atomically(path, json.dumps({**manifest, "key": key}, indent=1).encode())
        except OSError as error:
            warnings.warn(f"{path}: kernel not kept ({error}); running {compiled}", stacklevel=3)
            return HostKernel(capture(op, compiled, fields_at=fields_at), compiled.parent)
        return load(path)
