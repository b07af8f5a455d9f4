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
from common.scaling import scaling_summary

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
    """Summarize the :func:`per_run` rows of ``series`` per node count, with efficiency.

    Every metric, as :func:`common.scaling.scaling_summary` does.
    """
    return scaling_summary(runs, series, units="nodes", metrics=list(METRICS), level=level)
