"""Prices, instance types and model constants of the paper's figures — the one place they live.

Unit prices are **read from** ``prices.csv`` in the paper data directory (``paper-data/prices.csv``,
taken from the plotting scripts of slimgroup/ServerlessImagingAWS; see its README). This module only
names which ``item`` of that file each figure uses. Constants that ``prices.csv`` does not hold are
defined here with their source:

* "README" is ``paper-data/README.md`` (section "Prices and constants" and the file sections);
* "script" is the named plotting script of the original repository (read, not copied);
* "seisless" is this project's design (``/work/shared/DESIGN.md`` §4) or an assumption stated here.

Today's AWS prices, for this system's own runs, are in ``aws_prices.json`` next to this module
(region, date and source inside); the run report's cost ledger (``scripts/report/costLedger.ts``)
reads the same file. :func:`load_aws_prices` reads it here. The paper's figures keep its prices.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from common.errors import DataError, SchemaError

# --- Today's AWS prices, shared with the run report's cost ledger ---------------------------------
AWS_PRICES_JSON = Path(__file__).with_name("aws_prices.json")
AWS_PRICE_KEYS = frozenset({
    "region", "date", "source", "ec2OnDemandPerHour", "spotFractionOfOnDemand", "spotSource",
    "lambdaPerGbSecond", "lambdaPerRequest", "sqsStandardPerRequest", "sqsFifoPerRequest",
    "stepFunctionsPerTransition", "s3PerGbMonth", "s3GetPerRequest", "s3PutPerRequest",
    "s3ListPerRequest", "s3DaysPerMonth",
})

# --- Raw-timings files in the paper data directory (README "Files") -----------------------------
PRICES_CSV = "prices.csv"
WEAK_SCALING_CSV = "weak_scaling.csv"
STRONG_SCALING_OMP_CSV = "strong_scaling_omp.csv"
STRONG_SCALING_MPI_CSV = "strong_scaling_mpi.csv"
HYBRID_SCALING_CSV = "hybrid_scaling.csv"
COST_COMPARISON_CSV = "cost_comparison.csv"
RESILIENCE_CSV = "resilience.csv"
LSRTM_LAMBDA_CSV = "lsrtm_lambda_invocations.csv"

# --- Statistics -----------------------------------------------------------------------------
CI_LEVEL = 0.90  # issue: "90 % confidence intervals over runs" (the paper used z = 1.645)
SECONDS_PER_HOUR = 3600.0

# --- Weak scaling (README weak_scaling.csv; script weak_scaling/plot_weak_scaling_results.py) ----
WEAK_SCALING_INSTANCE = "m4.4xlarge"  # from weak_scaling/parameters.json (README)
WEAK_SCALING_SPOT_ITEM = "m4.4xlarge spot (2019-04-05)"

# --- Strong scaling, OpenMP (README strong_scaling_omp.csv) ---------------------------------------
# series -> legend label. The instance type is in the CSV (`instance_type`); 'optimum' has none.
OMP_SERIES = MappingProxyType({
    "batch_default": "Batch r5.24xlarge (HT on)",
    "batch_no_ht": "Batch r5.24xlarge (HT off)",
    "ec2_metal": "EC2 r5.metal (bare metal)",
    "optimum": "Reference machine ('Optimum')",
})
OMP_MAX_THREADS = 48  # issue: 1…48 threads (r5.24xlarge: 2 sockets × 24 physical cores)
OMP_CORES_PER_SOCKET = 24  # r5.24xlarge / r5.metal: 2 sockets × 24 cores (96 vCPUs with HT)

# --- Strong scaling, MPI (README strong_scaling_mpi.csv; script plot_mpi_strong_scaling.py) ------
MPI_SERIES = MappingProxyType({
    "r5_24xlarge_batch": "Batch r5.24xlarge",
    "r5_metal": "EC2 r5.metal",
    "c5n_18xlarge_batch": "Batch c5n.18xlarge",
    "c5n_metal": "EC2 c5n.metal",
})
# Batch series -> (on-demand item, spot item). Spot applies to single-node jobs only: AWS Batch
# multi-node parallel jobs could not use Spot (script: "only supported for single instances").
MPI_PRICE_ITEMS = MappingProxyType({
    "r5_24xlarge_batch": ("r5.24xlarge on-demand", "r5.24xlarge spot"),
    "c5n_18xlarge_batch": ("c5n.18xlarge on-demand", "c5n.18xlarge spot"),
})

# --- Hybrid OpenMP/MPI (README hybrid_scaling.csv) ----------------------------------------
HYBRID_CASES = MappingProxyType({
    "omp_24_half_domain": "OpenMP 24 threads, half domain",
    "omp_24_full_domain": "OpenMP 24 threads, full domain",
    "omp_48_full_domain": "OpenMP 48 threads, full domain",
    "mpi_2x24_full_domain": "MPI 2 ranks × 24 threads, full domain",
})

# --- Batch versus fixed cluster, paper Fig. 11 (README cost_comparison.csv; script cost/…) -------
CLUSTER_COST_SPOT_ITEM = "m4.4xlarge spot (2019-04-05)"

# --- Resilience model, paper Fig. 12 (README resilience.csv and "Prices and constants") ---------
# README: "restart penalty 60 s (the function's default and the docs say 120 s)" — the script's
# call uses 60 s, which is what the paper's figure shows.
RESTART_PENALTY_S = 60.0
FAILURE_FRACTIONS = np.linspace(0.0, 0.5, 21)  # 0 %, 2.5 %, …, 50 % (the script: 20 points)
RESILIENCE_REPEATS = 20  # seeded repetitions per failure fraction (the script: 10, unseeded)
RESILIENCE_SEED = 20200326  # any fixed integer; makes the figure reproducible

# --- LS-RTM case study (README "Prices and constants"; script imaging_example_sgd/…) -------------
LSRTM_ITERATIONS = 30
LSRTM_BATCH_SIZE = 80  # gradients (shots) per iteration
LSRTM_NUM_SHOTS = 1348  # shots in the survey (for the record; the cost does not use it)
LSRTM_CONTAINER_RUNTIME_S = 250.0  # per gradient
LSRTM_TOTAL_RUNTIME_MIN = 600.0  # wall time of the 30 iterations (storage is billed over it)
LSRTM_LAMBDA_MEMORY_MB = 1280  # the reducer's memory size; 1 GB = 1024 MB in Lambda pricing
LSRTM_LAMBDA_PAIRS_DIVISOR = 8  # README: the 29 pairs are summed and divided by 8 per iteration
# README: Step Functions transitions 2 + 6 × iterations + 3 + 20 × 30 × 2 (the script writes the
# last term with a literal 30; it is the polling loop of the waits).
LSRTM_STEP_TRANSITIONS = 2 + 6 * LSRTM_ITERATIONS + 3 + 20 * 30 * 2
# S3, from the script (not listed in the README): stored data 100 × 0.080 GB shot records plus
# 11.9 GB models and gradients; the pairwise reduction tree's reads and writes per iteration; 20
# LIST requests per iteration; 2 model reads per iteration.
LSRTM_S3_STORAGE_GB = 100 * 0.080 + 11.9
LSRTM_S3_TREE_READS = (80, 40, 20, 10, 5, 4, 2, 1)
LSRTM_S3_TREE_WRITES = (40, 20, 10, 5, 4, 2, 1)
LSRTM_S3_LISTS_PER_ITERATION = 20
LSRTM_S3_MODEL_READS_PER_ITERATION = 2
LSRTM_ITEMS = MappingProxyType({
    "spot": "m4.4xlarge spot", "on_demand": "m4.4xlarge on-demand", "lambda_gbs": "Lambda compute",
    "lambda_request": "Lambda requests", "sqs_request": "SQS requests",
    "step_transition": "Step Functions", "s3_gb_month": "S3 storage", "s3_get": "S3 GET",
    "s3_put": "S3 PUT", "s3_list": "S3 LIST",
})
# The LS-RTM spot price is the third 'm4.4xlarge spot' row (0.3155 $/h); items must be unique,
# so it is selected by its `used_for` text.
LSRTM_SPOT_USED_FOR = "LS-RTM case study"
S3_DAYS_PER_MONTH = 30  # the script prices GB-months as 30 days

# seisless's reducer (DESIGN §4): one FIFO message per gradient chunk, one invocation per batch of
# up to 10 messages (the SQS maximum), no re-queue loop. Best case: full batches; worst case: one
# message per invocation (FIFO event sources have no batching window, so sparse arrivals may come
# one by one).
SEISLESS_MESSAGES_PER_INVOCATION = 10
SEISLESS_REDUCER_CHUNKS = 1  # the case study's image had one chunk (`…/chunk_1/…`, README)
# Lambda time of seisless's reducer, an upper bound calibrated on the case (assumption, seisless):
# the case's reducer summed the batch pairwise, batch − 1 summing invocations per iteration, each
# reading 2 gradient-sized objects and writing 1; all its other invocations were re-queues of a
# lone message. Attributing ALL the case's measured Lambda time to the summing invocations gives an
# upper bound on the time per gradient-sized object moved, which is applied to the objects a
# seisless invocation moves (m gradients read, the accumulator read unless first, and written).
CASE_OBJECTS_PER_SUM = 3
# Polling requests priced as LIST per iteration are assumed the same for seisless as for the case.


@dataclass(frozen=True)
class Prices:
    """The rows of ``prices.csv``.

    Attributes
    ----------
    table : pandas.DataFrame
        Columns ``item``, ``unit``, ``price_usd``, ``used_for``, ``source``.
    path : Path
        The file read.
    """

    table: pd.DataFrame
    path: Path

    def usd(self, item: str, unit: str, used_for: str | None = None) -> float:
        """Return the price of ``item`` in USD per ``unit``.

        Parameters
        ----------
        item : str
            Exact ``item`` text, e.g. ``"r5.24xlarge on-demand"``.
        unit : str
            Expected unit, e.g. ``"instance-hour"``; a different unit is an error.
        used_for : str, optional
            Text that the ``used_for`` cell must contain, to pick one of several same-named rows.

        Returns
        -------
        float
            The price.
        """
        rows = self.table[self.table["item"] == item]
        if used_for is not None:
            rows = rows[rows["used_for"].str.contains(used_for, regex=False)]
        if len(rows) != 1:
            raise DataError(f"{self.path}: item {item!r}", f"{len(rows)} matching rows",
                            "exactly one row" + (f" used for {used_for!r}" if used_for else ""))
        if rows["unit"].iloc[0] != unit:
            raise DataError(f"{self.path}: item {item!r}", f"unit {rows['unit'].iloc[0]!r}",
                            f"unit {unit!r}")
        return float(rows["price_usd"].iloc[0])


def load_prices(data_dir: Path) -> Prices:
    """Read ``prices.csv`` from the paper data directory.

    Parameters
    ----------
    data_dir : Path
        The paper data directory.

    Returns
    -------
    Prices
        The price table.
    """
    path = data_dir / PRICES_CSV
    if not path.is_file():
        raise SchemaError(str(path), "no such file", "the paper's prices.csv")
    table = pd.read_csv(path)
    missing = {"item", "unit", "price_usd", "used_for"} - set(table.columns)
    if missing:
        raise SchemaError(str(path), f"missing column(s) {', '.join(sorted(missing))}",
                          "columns item, unit, price_usd, used_for, source")
    return Prices(table=table, path=path)


def load_aws_prices(path: Path = AWS_PRICES_JSON) -> MappingProxyType:
    """Read today's AWS prices (``aws_prices.json``), the table the run report's ledger uses.

    Parameters
    ----------
    path : Path, optional
        The table; the one next to this module by default.

    Returns
    -------
    MappingProxyType
        The table's fields (``region``, ``date``, ``source``, ``ec2OnDemandPerHour`` …), read-only.
    """
    try:
        table = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise SchemaError(str(path), str(error), "the JSON price table") from error
    missing = AWS_PRICE_KEYS - set(table)
    if missing:
        raise SchemaError(str(path), f"missing field(s) {', '.join(sorted(missing))}",
                          f"fields {', '.join(sorted(AWS_PRICE_KEYS))}")
    return MappingProxyType(table)
