"""Paper Fig. 11: (a) sorted job runtimes, (b) idle time and cost, (c) time-to-solution."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from common.raw import split_sources
from common.style import COLORS, draw_per_source, set_log_ticks

__all__ = ["draw_all"]

CLUSTER, BATCH = COLORS[0], COLORS[1]
X_LABEL = "Number of instances in the fixed cluster"


def _sorted(ax: Axes, jobs: pd.DataFrame) -> None:
    ax.plot(jobs["rank"], jobs["runtime_s"], color=CLUSTER)
    ax.set_xlim(1, len(jobs))
    ax.set_xlabel("Job (sorted by runtime)")
    ax.set_ylabel("Runtime per gradient job [s]")


def _idle_cost(ax: Axes, sweep: pd.DataFrame) -> None:
    ax.plot(sweep["nodes"], sweep["idle_s"] / 60, color=CLUSTER)
    ax.plot(sweep["nodes"], sweep["batch_idle_s"] / 60, color=BATCH)
    ax.set_xlim(1, sweep["nodes"].max())
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Cumulative idle time [min] (solid)")
    twin = ax.twinx()
    twin.spines["right"].set_visible(True)
    twin.grid(False)
    twin.plot(sweep["nodes"], sweep["cluster_cost_usd"], color=CLUSTER, linestyle="--")
    twin.plot(sweep["nodes"], sweep["batch_cost_usd"], color=BATCH, linestyle="--")
    twin.set_ylim(0, sweep["cluster_cost_usd"].max() * 1.1)
    twin.set_ylabel("Total cost [USD] (dashed)")
    handles = [Line2D([], [], color=CLUSTER, label="Fixed EC2 cluster"),
               Line2D([], [], color=BATCH, label="AWS Batch"),
               Line2D([], [], color="grey", label="idle time (left)"),
               Line2D([], [], color="grey", linestyle="--", label="cost (right)")]
    ax.legend(handles=handles, loc="upper left")


def _time_to_solution(ax: Axes, sweep: pd.DataFrame) -> None:
    ax.semilogy(sweep["nodes"], sweep["time_to_solution_s"], color=CLUSTER,
                label="Fixed EC2 cluster")
    ax.semilogy(sweep["nodes"], sweep["batch_time_to_solution_s"], color=BATCH, linestyle="--",
                label="AWS Batch (one instance per job)")
    set_log_ticks(ax, "y", [250, 500, 1000, 2500, 5000, 10000, 25000])
    ax.set_xlim(1, sweep["nodes"].max())
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Time-to-solution [s]")
    ax.legend(loc="upper right")


def draw_all(jobs: pd.DataFrame, sweep: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Draw Fig. 11a, 11b and 11c.

    Parameters
    ----------
    jobs : pandas.DataFrame
        Sorted runtimes (with ``source``).
    sweep : pandas.DataFrame
        Cluster sweep (with ``source``).
    out_dir : Path
        Output folder.

    Returns
    -------
    list of Path
        The PNG files written.
    """
    figures = (
        ("figure_11a_sorted_runtimes", split_sources(jobs), _sorted, (3.6, 3.4)),
        ("figure_11b_idle_time_and_cost", split_sources(sweep), _idle_cost, (5.2, 3.8)),
        ("figure_11c_time_to_solution", split_sources(sweep), _time_to_solution, (4.4, 3.6)),
    )
    return [draw_per_source(tables, draw, out_dir=out_dir, name=name, size=size)
            for name, tables, draw, size in figures]
