"""Compiler options shared by every operator builder."""

from __future__ import annotations

__all__ = ["DEFAULT_OPT"]

#: Devito optimisation level and options. ``advanced`` = loop blocking, CIRE (cross-iteration
#: redundancy elimination), factorisation, time-invariant hoisting, OpenMP; the options below were
#: chosen by measurement (see ``solvers/benchmark.py``).
DEFAULT_OPT = ("advanced", {})
