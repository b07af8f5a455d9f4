"""Accumulate Devito performance summaries into :class:`Timings`."""

from __future__ import annotations

import math
import time
from contextlib import contextmanager

from seisless_compute.solvers.types import Timings

__all__ = ["part", "record", "summary_sections"]


@contextmanager
def part(timings: Timings, name: str):
    """Add the enclosed block's wall time to ``timings.compute_parts[name]``."""
    begin = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - begin
        timings.compute_parts[name] = timings.compute_parts.get(name, 0.0) + seconds


def record(timings: Timings, name: str, sections: dict[str, float], *,
           updates: int | None) -> None:
    """Add one operator run.

    Parameters
    ----------
    timings : Timings
        Accumulator, updated in place.
    name : str
        Operator name, prefix of the section keys (``'forward'`` -> ``'forward.section0'``).
    sections : dict of str to float
        Section name to seconds for this run.
    updates : int or None
        Grid-point updates performed (points of the computational grid x time steps); None
        leaves ``gpts`` as it was (runs whose work is not a plain sweep, e.g. Revolve).
    """
    total = 0.0
    for section, seconds in sections.items():
        key = f"{name}.{section}"
        timings.sections[key] = timings.sections.get(key, 0.0) + seconds
        total += seconds
    timings.kernel_s += total
    if updates is not None:
        timings.gpts = updates / total / 1e9 if total > 0 else None


def summary_sections(summary) -> dict[str, float]:
    """Section times of a ``devito.PerformanceSummary`` (max over ranks)."""
    sections: dict[str, float] = {}
    for key, entry in summary.items():
        section = key[0] if isinstance(key, tuple) else str(key)
        seconds = float(getattr(entry, "time", 0.0) or 0.0)
        if math.isfinite(seconds):
            sections[section] = max(sections.get(section, 0.0), seconds)
    return sections
