"""Hybrid OpenMP/MPI on one r5.24xlarge: mean ± std of the four configurations.

Per configuration (``case``) over its runs: the Devito kernel (``kernel_s``), the Devito part
(``devito_s``), the whole script (``script_s``) and the container (stopped − started), as mean
and sample standard deviation. The paper's table printed column 5 of the result files as
"kernel"; that column is ``script_s`` (README quirk 4), so both are reported.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from common.raw import Schema
from common.stats import summarize

__all__ = ["METRICS", "SCHEMA", "per_run", "summary"]

SCHEMA = Schema(
    "hybrid OpenMP/MPI",
    numeric=("omp_threads_per_rank", "mpi_ranks", "run", "started_s", "stopped_s", "kernel_s",
             "devito_s", "script_s"),
    text=("case",),
)
METRICS = ("kernel_s", "devito_s", "script_s", "container_s")


def per_run(raw: pd.DataFrame) -> pd.DataFrame:
    """Return one row per run with the configuration and the four runtimes.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw hybrid rows of one source.

    Returns
    -------
    pandas.DataFrame
        ``case``, ``mpi_ranks``, ``omp_threads_per_rank``, ``run`` and the :data:`METRICS`.
    """
    runs = raw[["case", "mpi_ranks", "omp_threads_per_rank", "run", "kernel_s", "devito_s",
                "script_s"]].copy()
    for column in ("mpi_ranks", "omp_threads_per_rank", "run"):
        runs[column] = runs[column].astype(np.int64)
    runs["container_s"] = raw["stopped_s"] - raw["started_s"]
    return runs


def summary(runs: pd.DataFrame, cases: list[str], level: float) -> pd.DataFrame:
    """Summarize per configuration, in the given order (unknown cases after, by name).

    Parameters
    ----------
    runs : pandas.DataFrame
        Output of :func:`per_run`.
    cases : list of str
        Preferred order of the configurations.
    level : float
        Confidence level (the half-widths are reported too; the table shows mean ± std).

    Returns
    -------
    pandas.DataFrame
        One row per configuration with ``total_cores`` and ``<metric>_mean/std/ci``.
    """
    table = summarize(runs, ["case", "mpi_ranks", "omp_threads_per_rank"], METRICS, level)
    table.insert(3, "total_cores", table["mpi_ranks"] * table["omp_threads_per_rank"])
    rank = table["case"].map({c: k for k, c in enumerate(cases)}).fillna(len(cases))
    ordered = table.assign(_rank=rank).sort_values(["_rank", "case"]).drop(columns="_rank")
    return ordered.reset_index(drop=True)
