"""Weak-scaling metrics: one gradient of n shots on n instances, per run and over runs.

Per run (one AWS Batch array job of n child jobs plus the event-driven reduction):

* time-to-solution = mean over jobs of (image written − job created);
* container runtime = mean over jobs of (stopped − started);
* additional reduction time = the smallest gap between a job's stop and the image write, i.e. the
  time the summation needs after the last gradient arrived; negative gaps (S3 ``LastModified`` is
  truncated to whole seconds, so a batch-size-1 image can appear up to ~1.3 s before the job's
  stop) are clipped to 0 (the paper's script takes the absolute value instead);
* start-up/queue overhead = time-to-solution − container − reduction (the remainder);
* cost = Σ container time / n × spot price per instance-hour (the cost per instance, constant
  under ideal weak scaling).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from common.constants import SECONDS_PER_HOUR
from common.errors import DataError
from common.raw import Schema
from common.stats import summarize

__all__ = ["METRICS", "SCHEMA", "drop_duplicate_files", "per_run", "summary"]

SCHEMA = Schema(
    "weak scaling",
    numeric=("instances", "run", "created_s", "started_s", "stopped_s", "image_modified_s"),
)
METRICS = ("time_to_solution_s", "container_s", "reduction_s", "startup_s", "cost_usd")


def drop_duplicate_files(raw: pd.DataFrame) -> pd.DataFrame:
    """Remove rows marked as copies of another run (non-empty ``duplicate_of``), if any.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw weak-scaling rows.

    Returns
    -------
    pandas.DataFrame
        The rows that are measurements of their own.
    """
    if "duplicate_of" not in raw.columns:
        return raw
    marked = raw["duplicate_of"].notna() & (raw["duplicate_of"].astype(str).str.strip() != "")
    return raw[~marked]


def _one_run(rows: pd.DataFrame, price_per_hour: float) -> dict[str, float]:
    container = rows["stopped_s"] - rows["started_s"]
    tts = float((rows["image_modified_s"] - rows["created_s"]).mean())
    reduction = max(0.0, float((rows["image_modified_s"] - rows["stopped_s"]).min()))
    instances = float(rows["instances"].iloc[0])
    return {
        "jobs": len(rows),
        "time_to_solution_s": tts,
        "container_s": float(container.mean()),
        "reduction_s": reduction,
        "startup_s": tts - float(container.mean()) - reduction,
        "container_total_s": float(container.sum()),
        "cost_usd": float(container.sum()) / instances / SECONDS_PER_HOUR * price_per_hour,
    }


def per_run(raw: pd.DataFrame, price_per_hour: float) -> pd.DataFrame:
    """Compute the weak-scaling metrics of every run.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw rows of one source (schema :data:`SCHEMA`).
    price_per_hour : float
        Spot price of one instance, USD per hour.

    Returns
    -------
    pandas.DataFrame
        One row per (instances, run): ``jobs`` and the :data:`METRICS` plus
        ``container_total_s``.
    """
    needed = raw[list(SCHEMA.numeric)]
    if needed.isna().any().any():
        column = needed.columns[needed.isna().any()][0]
        raise DataError(f"weak-scaling column {column}", "an empty cell",
                        "every job to have its Batch timestamps and image time")
    records = [{"instances": int(n), "run": int(r), **_one_run(rows, price_per_hour)}
               for (n, r), rows in raw.groupby(["instances", "run"], sort=True)]
    return pd.DataFrame.from_records(records)


def summary(runs: pd.DataFrame, level: float) -> pd.DataFrame:
    """Summarize per-run metrics over runs: mean, std and confidence half-width per instance count.

    Parameters
    ----------
    runs : pandas.DataFrame
        Output of :func:`per_run`.
    level : float
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per instance count.
    """
    table = summarize(runs, ["instances"], METRICS, level)
    table["instances"] = table["instances"].astype(np.int64)
    return table
