"""The simulation's tables: weak scaling against the paper, the LS-RTM case study, the cluster.

Each function returns a :class:`pandas.DataFrame` ready for ``common.tables.write_table``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from sim_case import case_study
from sim_cost import ORCHESTRATION, SERVICES, price_usage
from sim_workflow import Replay, Setting, weak_scaling

from common import constants as const

__all__ = ["SIZES", "case_table", "cluster_runtimes", "paper_case_costs", "weak_tables"]

SIZES = (1, 2, 4, 8, 16, 32, 64, 128)
PARTS = ("time_to_solution_s", "container_s", "reduction_s", "startup_s", "cost_usd")


def weak_tables(s: Setting, measured_runs: pd.DataFrame, runs: int, seed: int,
                prices: tuple[float, float]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate both systems' runs; summarize them next to the paper's measured runs.

    ``prices``: USD per instance-hour of the paper's Spot instance and of seisless's.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The simulated runs (``source`` = ``paper replay`` or ``seisless``) and one row per
        (source, instances) with the means, for ``paper measured`` too, and the replay's error.
    """
    paper_price, own_price = prices
    sampling = Replay(SIZES, runs, seed)
    replay = weak_scaling("paper", s, sampling, paper_price).assign(source="paper replay")
    own = weak_scaling("seisless", s, sampling, own_price).assign(source="seisless")
    measured = measured_runs.assign(source="paper measured")
    columns = [*PARTS, "orchestration_s", "time_to_gradient_s", "lambda_invocations",
               "lambda_peak_concurrency"]
    frames = []
    for frame in (measured, replay, own):
        present = [c for c in columns if c in frame.columns]
        mean = frame.groupby("instances")[present].mean().add_suffix("_mean")
        mean.insert(0, "runs", frame.groupby("instances").size())
        frames.append(mean.reset_index().assign(source=frame["source"].iloc[0]))
    summary = pd.concat(frames, ignore_index=True)
    measured_tts = summary[summary["source"] == "paper measured"].set_index("instances")[
        "time_to_solution_s_mean"]
    summary["replay_error"] = np.where(
        summary["source"] == "paper replay",
        summary["time_to_solution_s_mean"] / summary["instances"].map(measured_tts) - 1, np.nan)
    order = ["source", "instances", "runs", *[c for c in summary.columns
                                              if c not in ("source", "instances", "runs")]]
    return pd.concat([replay, own], ignore_index=True), summary[order]


def case_table(s: Setting, prices: Mapping, seed: int) -> pd.DataFrame:
    """Simulate the LS-RTM case study: one row per (system, Spot interruption rate).

    seisless is priced from ``aws_prices.json`` on the scenario's instance type, its Lambda
    functions on the deployed architecture (``orchestration.lambda_architecture``); the paper's
    configuration is simulated for its wall time only (its cost is the measured one, see
    :func:`paper_case_costs`).
    """
    rows = []
    instance = s.scenario["instance"]["type"]
    rates = s.scenario["spot"]["case_study_rates"]
    variants = [("seisless (simulated)", s, rate) for rate in rates]
    for source, setting, rate in variants:
        usage = case_study("seisless", setting, rate, seed)
        cost = price_usage(usage, prices, instance, s.orchestration["lambda_architecture"])
        orchestration = sum(cost[k] for k in ORCHESTRATION)
        rows.append({"source": source, "spot_interruptions_per_hour": rate,
                     "wall_min": usage["wall_s"] / 60,
                     **{k: usage[k] for k in ("gradient_jobs", "interruptions", "dropped",
                                              "ec2_hours", "lambda_gb_s", "lambda_requests",
                                              "sqs_requests", "step_transitions")},
                     **{f"{k} USD": v for k, v in cost.items()},
                     "total USD": sum(cost.values()), "orchestration USD": orchestration,
                     "orchestration / EC2 spot": orchestration / cost["EC2 spot"]})
    paper = case_study("paper", s, 0.0, seed)
    rows.append({"source": "paper configuration (simulated)", "spot_interruptions_per_hour": 0.0,
                 "wall_min": paper["wall_s"] / 60, "gradient_jobs": paper["gradient_jobs"],
                 "ec2_hours": paper["ec2_hours"], "lambda_gb_s": paper["lambda_gb_s"],
                 "lambda_requests": paper["lambda_requests"]})
    return pd.DataFrame.from_records(rows)


def paper_case_costs(data_dir: Path) -> dict[str, float]:
    """Return the paper's case-study cost per service, as the paper computed it (lsrtm-cost)."""
    from lsrtm_cost_model import ROWS, Study, case_usage, cost_table  # noqa: PLC0415

    pairs = pd.read_csv(data_dir / const.LSRTM_LAMBDA_CSV)
    table = cost_table({"paper": case_usage(pairs, Study())}, const.load_prices(data_dir))
    bars = {"ec2_spot": "EC2 spot", "lambda_compute": "Lambda", "lambda_requests": "Lambda",
            "sqs_requests": "SQS", "step_transitions": "Step Functions", "s3_storage": "S3",
            "s3_get": "S3", "s3_put": "S3", "s3_list": "S3"}
    costs = dict.fromkeys(SERVICES, 0.0)
    for row, usd in zip(table["row"], table["paper USD"], strict=True):
        if row in bars and row in ROWS:
            costs[bars[row]] += float(usd)
    return costs


def cluster_runtimes(s: Setting, cost_raw: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return the job runtimes of one 100-shot gradient, the paper's and seisless's.

    The paper's are measured (``cost_comparison.csv``, in ``job_index`` order); seisless's are
    its gradient job time × the paper's runtime / their mean.
    """
    rows = cost_raw.sort_values("job_index", kind="stable")
    paper = (rows["stopped_s"] - rows["started_s"]).to_numpy(dtype=float)
    return paper, s.kernel.job_s("gradient") * paper / paper.mean()
