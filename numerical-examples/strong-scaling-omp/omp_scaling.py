"""OpenMP strong scaling of one shot's gradient: Devito kernel runtime and parallel efficiency.

Kernel runtime of a run = the sum of the forward and adjoint operators' performance-summary
sections (``kernel_fwd_section<k>_s`` + ``kernel_adj_section<k>_s``). Per series and thread count
n: mean, std and confidence half-width over runs; speed-up T1/Tn and parallel efficiency
T1/(n·Tn), where T1 is the series' mean at one thread.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from common.errors import SchemaError
from common.raw import Schema
from common.scaling import scaling_summary

__all__ = ["SCHEMA", "kernel_columns", "kernel_runtime", "summary"]

SCHEMA = Schema("OpenMP strong scaling", numeric=("threads", "run"), text=("series",))
_SECTION = re.compile(r"^kernel_(fwd|adj)_section\d+_s$")


def kernel_columns(raw: pd.DataFrame) -> list[str]:
    """Return the kernel section columns, checking that both operators have at least one.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw OpenMP rows.

    Returns
    -------
    list of str
        The ``kernel_fwd_section<k>_s`` and ``kernel_adj_section<k>_s`` columns.

    Raises
    ------
    SchemaError
        If the forward or the adjoint sections are missing or not numeric.
    """
    columns = [c for c in raw.columns if _SECTION.match(c)]
    for operator in ("fwd", "adj"):
        if not any(f"_{operator}_" in c for c in columns):
            raise SchemaError("OpenMP raw timings", f"no kernel_{operator}_section<k>_s column",
                              "the Devito section times of the forward and adjoint operators")
    for c in columns:
        if not pd.api.types.is_numeric_dtype(raw[c]):
            raise SchemaError(f"OpenMP raw timings:{c}", f"dtype {raw[c].dtype}", "seconds")
    return columns


def kernel_runtime(raw: pd.DataFrame) -> pd.DataFrame:
    """Return one row per run with its kernel runtime ``kernel_s``.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw OpenMP rows of one source.

    Returns
    -------
    pandas.DataFrame
        Columns ``series``, ``threads``, ``run``, ``kernel_s``.
    """
    runs = raw[["series", "threads", "run"]].copy()
    runs["threads"] = runs["threads"].astype(np.int64)
    runs["kernel_s"] = raw[kernel_columns(raw)].sum(axis=1, min_count=1)
    return runs


def summary(runs: pd.DataFrame, series: list[str], *, max_threads: int,
            level: float) -> pd.DataFrame:
    """Summarize kernel runtimes per series and thread count, with efficiency.

    The :func:`kernel_runtime` rows of ``series`` up to ``max_threads`` threads, as
    :func:`common.scaling.scaling_summary` does.
    """
    kept = runs[runs["threads"] <= max_threads]
    return scaling_summary(kept, series, units="threads", metrics=["kernel_s"], level=level)
