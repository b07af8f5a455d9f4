"""MPI strong scaling of one shot's gradient over 1…16 instances (one rank per instance).

Per run: kernel runtime ``kernel_s`` (Devito sections; the values of the rank that wrote its
timings last, README quirk 9), script runtime ``script_s``, container runtime (stopped − started)
and job runtime (stopped − created; Batch series only), and the cost per gradient = nodes ×
container time × on-demand price (and × spot price for a single node, since multi-node Batch jobs
could not use Spot). Per series and node count: mean, std and confidence half-width; efficiency
T1/(n·Tn) of the kernel runtime.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from common.constants import SECONDS_PER_HOUR
from common.raw import Schema
from common.scaling import add_efficiency, order_series
from common.stats import summarize

__all__ = ["METRICS", "SCHEMA", "per_run", "summary"]

SCHEMA = Schema(
    "MPI strong scaling",
    numeric=("nodes", "run", "kernel_s", "script_s", "created_s", "started_s", "stopped_s"),
    text=("series",),
)
METRICS = ("kernel_s", "script_s", "container_s", "job_s", "cost_on_demand_usd", "cost_spot_usd")


def per_run(raw: pd.DataFrame, prices: Mapping[str, tuple[float, float]]) -> pd.DataFrame:
    """Compute the per-run runtimes and costs.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw MPI rows of one source.
    prices : Mapping[str, tuple of float]
        Series -> (on-demand, spot) USD per instance-hour; series without prices get NaN costs.

    Returns
    -------
    pandas.DataFrame
        ``series``, ``nodes``, ``run`` and the :data:`METRICS`.
    """
    runs = raw[["series", "nodes", "run", "kernel_s", "script_s"]].copy()
    runs["nodes"] = runs["nodes"].astype(np.int64)
    runs["container_s"] = raw["stopped_s"] - raw["started_s"]
    runs["job_s"] = raw["stopped_s"] - raw["created_s"]
    on_demand = runs["series"].map({s: p[0] for s, p in prices.items()}).astype(float)
    spot = runs["series"].map({s: p[1] for s, p in prices.items()}).astype(float)
    node_hours = runs["nodes"] * runs["container_s"] / SECONDS_PER_HOUR
    runs["cost_on_demand_usd"] = node_hours * on_demand
    runs["cost_spot_usd"] = (node_hours * spot).where(runs["nodes"] == 1)
    return runs


def summary(runs: pd.DataFrame, series: list[str], level: float) -> pd.DataFrame:
    """Summarize per series and node count, with the kernel's parallel efficiency.

    Parameters
    ----------
    runs : pandas.DataFrame
        Output of :func:`per_run`.
    series : list of str
        Series to keep, in drawing order.
    level : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        One row per (series, nodes): ``runs``, ``<metric>_mean/std/ci``, ``speedup``,
        ``efficiency``.
    """
    kept = runs[runs["series"].isin(series)]
    table = summarize(kept, ["series", "nodes"], METRICS, level)
    table = add_efficiency(table, "nodes", "kernel_s_mean")
    return order_series(table, series, "nodes")
