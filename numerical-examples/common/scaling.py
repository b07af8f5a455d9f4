"""Strong-scaling quantities shared by the OpenMP and MPI experiments."""

from __future__ import annotations

import numpy as np
import pandas as pd

from common.stats import summarize

__all__ = ["add_efficiency", "log2_ticks", "order_series", "scaling_summary", "select_series"]


def add_efficiency(table: pd.DataFrame, units: str, runtime: str,
                   group: str = "series") -> pd.DataFrame:
    """Add speed-up T1/Tn and parallel efficiency T1/(n·Tn) per series.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per (series, n) with the mean runtime.
    units : str
        Column of n (threads or nodes).
    runtime : str
        Column of the mean runtime Tn.
    group : str
        Column naming the series; T1 is the runtime of that series at n = 1.

    Returns
    -------
    pandas.DataFrame
        A copy with ``speedup`` and ``efficiency`` (NaN when a series has no n = 1 row).
    """
    out = table.copy()
    one = out[out[units] == 1].set_index(group)[runtime]
    t1 = out[group].map(one).astype(float)
    out["speedup"] = t1 / out[runtime]
    out["efficiency"] = out["speedup"] / out[units]
    return out


def select_series(available: list[str], configured: list[str],
                  chosen: list[str] | None) -> list[str]:
    """Pick the series to draw.

    Parameters
    ----------
    available : list of str
        Series present in the data, in file order.
    configured : list of str
        The paper's series (``common.constants``), in drawing order.
    chosen : list of str or None
        ``--series`` values; when given, exactly those (that exist).

    Returns
    -------
    list of str
        ``chosen`` if given; else the configured series present; else every series available
        (a file of seisless's own runs with its own series names).
    """
    if chosen:
        return [s for s in chosen if s in available]
    present = [s for s in configured if s in available]
    return present or list(dict.fromkeys(available))


def log2_ticks(values: np.ndarray, extra_multiple: int) -> list[int]:
    """Return tick positions for a log axis of counts: the powers of two and multiples of 24.

    Parameters
    ----------
    values : numpy.ndarray
        The counts drawn (threads or nodes).
    extra_multiple : int
        Also label multiples of this (e.g. the cores per socket, 24 on the r5 instances).

    Returns
    -------
    list of int
        Sorted distinct values that are powers of two or multiples of ``extra_multiple``; other
        labels (10, 12, 20, 40 threads) would collide on a log axis.
    """
    distinct = sorted({int(v) for v in values})
    return [v for v in distinct if v & (v - 1) == 0 or v % extra_multiple == 0]


def order_series(table: pd.DataFrame, series: list[str], units: str) -> pd.DataFrame:
    """Sort a summary by the drawing order of ``series``, then by ``units`` (threads or nodes)."""
    rank = table["series"].map({name: k for k, name in enumerate(series)})
    ordered = table.assign(_rank=rank).sort_values(["_rank", units]).drop(columns="_rank")
    return ordered.reset_index(drop=True)


def scaling_summary(runs: pd.DataFrame, series: list[str], *, units: str,
                    metrics: list[str], level: float) -> pd.DataFrame:
    """Summarize per-run values per series and ``units``, with the kernel's parallel efficiency.

    Parameters
    ----------
    runs : pandas.DataFrame
        One row per run with ``series``, ``units`` and the ``metrics``.
    series : list of str
        Series to keep, in drawing order.
    units : str
        Column of n (threads or nodes).
    metrics : list of str
        Columns to summarize; ``kernel_s`` among them gives the efficiency.
    level : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        One row per (series, n): ``runs``, ``<metric>_mean/std/ci``, ``speedup``,
        ``efficiency``, in drawing order.
    """
    table = summarize(runs[runs["series"].isin(series)], ["series", units], metrics, level)
    return order_series(add_efficiency(table, units, "kernel_s_mean"), series, units)
