"""Where a job's wall time goes: phases measured by the tasks, written as ``outputs.timings``.

The file is ``jobTimingsSchema`` of ``@seisless/core`` (``docs/contracts/jobs.md``);
``tests/compute/test_contracts.py`` validates what every task writes against it.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

__all__ = ["Stopwatch", "process_started_at"]


def process_started_at() -> float:
    """Epoch seconds at which this process started (from ``/proc``; now when unavailable).

    The interpreter's own start-up and imports happen before any of our code runs; measuring
    from the process start puts them in the timings too. The start is taken relative to
    ``/proc/uptime`` (10 ms resolution), not to the whole-second boot time.
    """
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat[stat.rindex(")") + 2 :].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.time()


class Stopwatch:
    """Accumulates named phases of a job (``with watch.phase("read"): …``).

    Parameters
    ----------
    started_at : float
        Epoch seconds the job started; ``total_s`` is measured from there.
    """

    def __init__(self, started_at: float) -> None:
        self.started_at = started_at
        self.phases: dict[str, float] = {}
        #: the task's own work inside ``compute`` outside the solver, by name (``resample``, …)
        self.parts: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str):
        """Time the enclosed block and add it to phase ``name``."""
        begin = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - begin

    @contextmanager
    def part(self, name: str):
        """Time the enclosed block (inside the ``compute`` phase) and add it to part ``name``."""
        begin = time.perf_counter()
        try:
            yield
        finally:
            self.parts[name] = self.parts.get(name, 0.0) + time.perf_counter() - begin

    def add(self, name: str, seconds: float) -> None:
        """Add ``seconds`` to phase ``name``."""
        self.phases[name] = self.phases.get(name, 0.0) + seconds

    def total(self) -> float:
        """Seconds since ``started_at``."""
        return time.time() - self.started_at
