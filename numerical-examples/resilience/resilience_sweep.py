"""Seeded repetitions of the failure model over failure fractions, and their summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from resilience_model import makespan_with_redistribution, makespan_with_restart, sample_failures

from common.errors import DataError
from common.raw import Schema

__all__ = ["SCHEMA", "SweepOptions", "case_runtimes", "summary", "sweep"]

SCHEMA = Schema("resilience", numeric=("job_index", "started_s", "stopped_s"), text=("case",))


@dataclass(frozen=True)
class SweepOptions:
    """Parameters of the sweep.

    Attributes
    ----------
    fractions : sequence of float
        Failure fractions (0 … 0.5).
    repeats : int
        Random repetitions per fraction.
    seed : int
        Base seed; repetition r at fraction index i uses ``default_rng([seed, r, i])``.
    penalty_s : float
        Restart penalty, seconds.
    """

    fractions: Sequence[float]
    repeats: int
    seed: int
    penalty_s: float


def case_runtimes(raw: pd.DataFrame, case: str) -> np.ndarray:
    """Return the container runtimes (stopped − started) of one case in ``job_index`` order."""
    rows = raw[raw["case"] == case].sort_values("job_index", kind="stable")
    runtimes = (rows["stopped_s"] - rows["started_s"]).to_numpy(dtype=float)
    if runtimes.size == 0 or np.isnan(runtimes).any() or (runtimes <= 0).any():
        raise DataError(f"resilience case {case!r}", "missing or non-positive runtimes",
                        "stopped_s > started_s for every job")
    return runtimes


def sweep(runtimes: np.ndarray, options: SweepOptions) -> pd.DataFrame:
    """Run the model for every failure fraction and repetition.

    Parameters
    ----------
    runtimes : numpy.ndarray
        Job runtimes without failures.
    options : SweepOptions
        Fractions, repetitions, seed and penalty.

    Returns
    -------
    pandas.DataFrame
        One row per (failure_pct, repeat): both times-to-solution and resilience factors.
    """
    baseline = float(runtimes.max())
    rows = []
    for i, fraction in enumerate(options.fractions):
        for r in range(options.repeats):
            failures = sample_failures(runtimes, fraction,
                                       np.random.default_rng([options.seed, r, i]))
            restart = makespan_with_restart(runtimes, failures, options.penalty_s)
            redistribute = makespan_with_redistribution(runtimes, failures)
            rows.append({"failure_pct": 100 * fraction, "repeat": r,
                         "failed_instances": len(failures.instances),
                         "tts_restart_s": restart, "tts_no_restart_s": redistribute,
                         "factor_restart": baseline / restart,
                         "factor_no_restart": baseline / redistribute})
    return pd.DataFrame.from_records(rows)


def summary(repeats: pd.DataFrame) -> pd.DataFrame:
    """Return mean and std (ddof = 1) over repetitions per case and failure percentage."""
    values = ["tts_restart_s", "tts_no_restart_s", "factor_restart", "factor_no_restart"]
    groups = repeats.groupby(["case", "failure_pct"], sort=False)
    table = groups[values].agg(["mean", "std"])
    table.columns = [f"{v}_{stat}" for v, stat in table.columns]
    table.insert(0, "repeats", groups.size())
    return table.reset_index()
