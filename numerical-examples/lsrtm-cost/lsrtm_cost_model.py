"""Cost of the 30-iteration LS-RTM case study, as the paper computed it and for seisless.

Usage quantities per design, then cost = quantity × unit price (``prices.csv``):

* EC2: iterations × batch size × container runtime, in instance-hours (on-demand and Spot);
* Lambda: GB-seconds (duration × memory / 1024 MB) and requests (invocations);
* SQS: requests = messages sent (the paper's convention; the event-source poller's receive and
  delete requests are counted in neither design);
* Step Functions: state transitions;
* S3: GB-months of storage over the run's wall time, GET, PUT and LIST requests.

The case's Lambda usage comes from its (invocations, mean duration) pairs, summed and divided by
``pairs_divisor`` per iteration. seisless's reducer is modelled (``common.constants``): per chunk
and iteration ceil(batch / m) invocations of up to m messages, no re-queue loop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from common import constants as const
from common.raw import Schema

__all__ = ["ROWS", "SCHEMA", "Study", "case_usage", "cost_table", "seisless_usage"]

SCHEMA = Schema("LS-RTM Lambda invocations", numeric=("invocations", "avg_duration_s"))

# row -> (bar of the figure, prices.csv price key in LSRTM_ITEMS, unit of the quantity)
ROWS = {
    "ec2_on_demand": ("EC2 on-demand", "on_demand", "instance-hour"),
    "ec2_spot": ("EC2 spot", "spot", "instance-hour"),
    "lambda_compute": ("Lambda", "lambda_gbs", "GB-second"),
    "lambda_requests": ("Lambda", "lambda_request", "request"),
    "sqs_requests": ("SQS", "sqs_request", "request"),
    "step_transitions": ("Step Functions", "step_transition", "state transition"),
    "s3_storage": ("S3", "s3_gb_month", "GB-month"),
    "s3_get": ("S3", "s3_get", "request"),
    "s3_put": ("S3", "s3_put", "request"),
    "s3_list": ("S3", "s3_list", "request"),
}


@dataclass(frozen=True)
class Study:
    """The case study's size (defaults: ``common.constants``)."""

    iterations: int = const.LSRTM_ITERATIONS
    batch_size: int = const.LSRTM_BATCH_SIZE
    pairs_divisor: float = const.LSRTM_LAMBDA_PAIRS_DIVISOR

    @property
    def memory_gb(self) -> float:
        """Lambda memory in GB (1 GB = 1024 MB in Lambda pricing)."""
        return const.LSRTM_LAMBDA_MEMORY_MB / 1024


def _shared(study: Study) -> dict[str, float]:
    hours = study.iterations * study.batch_size * const.LSRTM_CONTAINER_RUNTIME_S / 3600
    months = const.LSRTM_TOTAL_RUNTIME_MIN / 60 / 24 / const.S3_DAYS_PER_MONTH
    return {"ec2_on_demand": hours, "ec2_spot": hours,
            "step_transitions": float(const.LSRTM_STEP_TRANSITIONS),
            "s3_storage": const.LSRTM_S3_STORAGE_GB * months,
            "s3_list": float(const.LSRTM_S3_LISTS_PER_ITERATION * study.iterations)}


def case_lambda_seconds(pairs: pd.DataFrame, study: Study) -> float:
    """Return the case's Lambda duration per iteration: Σ invocations × mean duration / divisor."""
    return float((pairs["invocations"] * pairs["avg_duration_s"]).sum()) / study.pairs_divisor


def case_usage(pairs: pd.DataFrame, study: Study) -> dict[str, float]:
    """Return the case study's usage quantities, as the paper's script counts them.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The (invocations, avg_duration_s) pairs.
    study : Study
        Iterations, batch size and divisor.

    Returns
    -------
    dict
        Row of :data:`ROWS` -> quantity in its unit.
    """
    invocations = float(pairs["invocations"].sum()) / study.pairs_divisor * study.iterations
    seconds = case_lambda_seconds(pairs, study) * study.iterations
    model_reads = const.LSRTM_S3_MODEL_READS_PER_ITERATION * study.iterations
    return {**_shared(study),
            "lambda_compute": seconds * study.memory_gb, "lambda_requests": invocations,
            "sqs_requests": invocations + study.iterations * study.batch_size,
            "s3_get": sum(const.LSRTM_S3_TREE_READS) * study.iterations + model_reads,
            "s3_put": (study.batch_size + sum(const.LSRTM_S3_TREE_WRITES)) * study.iterations}


def seconds_per_object(pairs: pd.DataFrame, study: Study) -> float:
    """Upper bound on the Lambda time per gradient-sized object moved, from the case's data."""
    sums = study.batch_size - 1
    return case_lambda_seconds(pairs, study) / (sums * const.CASE_OBJECTS_PER_SUM)


def seisless_usage(pairs: pd.DataFrame, study: Study, messages: int) -> dict[str, float]:
    """Return seisless's usage with up to ``messages`` messages per reducer invocation.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The case's pairs (they calibrate the time per object moved, an upper bound).
    study : Study
        Iterations and batch size.
    messages : int
        Messages per invocation (10 = full SQS batches; 1 = one arrival at a time).

    Returns
    -------
    dict
        Row of :data:`ROWS` -> quantity in its unit.
    """
    chunks = const.SEISLESS_REDUCER_CHUNKS
    per_chunk = math.ceil(study.batch_size / messages)  # invocations per chunk and iteration
    objects = study.batch_size + 2 * per_chunk - 1  # gradients + accumulator reads and writes
    seconds = objects * seconds_per_object(pairs, study) * study.iterations
    model_reads = const.LSRTM_S3_MODEL_READS_PER_ITERATION * study.iterations
    return {**_shared(study),
            "lambda_compute": seconds * study.memory_gb,
            "lambda_requests": float(per_chunk * chunks * study.iterations),
            "sqs_requests": float(study.batch_size * chunks * study.iterations),
            "s3_get": float((study.batch_size + per_chunk - 1) * chunks * study.iterations
                            + model_reads),
            "s3_put": float((study.batch_size + per_chunk * chunks) * study.iterations)}


def cost_table(usage: dict[str, dict[str, float]], prices: const.Prices) -> pd.DataFrame:
    """Price the usage of every design.

    Parameters
    ----------
    usage : dict
        Design label -> usage quantities (row -> quantity).
    prices : Prices
        ``prices.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per usage row: ``row``, ``bar``, ``unit``, ``price_usd``, and per design
        ``<design> quantity`` and ``<design> USD``.
    """
    records = []
    for row, (bar, key, unit) in ROWS.items():
        used_for = const.LSRTM_SPOT_USED_FOR if key == "spot" else None
        price = prices.usd(const.LSRTM_ITEMS[key], unit, used_for)
        record = {"row": row, "bar": bar, "unit": unit, "price_usd": price}
        for design, quantities in usage.items():
            record[f"{design} quantity"] = quantities[row]
            record[f"{design} USD"] = quantities[row] * price
        records.append(record)
    return pd.DataFrame.from_records(records)
