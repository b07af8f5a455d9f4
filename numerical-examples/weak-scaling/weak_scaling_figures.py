"""Figures of the weak-scaling experiment, drawn from the summary table (one panel per source)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes

from common.constants import CI_LEVEL
from common.raw import split_sources
from common.stats import ci_suffix
from common.style import COLORS, PANEL_SIZE, draw_per_source, set_category_ticks

__all__ = ["draw_all"]

CI = ci_suffix(CI_LEVEL)
X_LABEL = "Number of instances (= batch size)"
COMPONENTS = (
    ("time_to_solution_s", "Time-to-solution"),
    ("container_s", "Container runtime"),
    ("startup_s", "Start-up and queue"),
    ("reduction_s", "Additional reduction"),
)


def _bars(ax: Axes, table: pd.DataFrame, metric: str, offset: float = 0.0, **style) -> object:
    positions = [i + offset for i in range(len(table))]
    return ax.bar(positions, table[f"{metric}_mean"], yerr=table[f"{metric}{CI}"],
                  ecolor="black", error_kw={"elinewidth": 0.8}, **style)


def _grouped(ax: Axes, table: pd.DataFrame) -> None:
    width = 0.2
    for k, (metric, label) in enumerate(COMPONENTS):
        _bars(ax, table, metric, (k - 1.5) * width, width=width, color=COLORS[k], label=label)
    set_category_ticks(ax, table["instances"])
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Time per gradient [s]")
    ax.legend(loc="upper left", ncols=2)
    ax.set_ymargin(0.3)  # headroom for the legend; bars keep their base at 0
    # Times are never negative: a confidence interval of two runs (t = 12.7) may reach below 0.
    ax.set_ylim(bottom=0)


def _single(ax: Axes, table: pd.DataFrame, *, metric: str, y_label: str, color: str) -> None:
    _bars(ax, table, metric, width=0.6, color=color)
    for i, value in enumerate(table[f"{metric}_mean"]):
        if value == 0:  # e.g. the reduction of one gradient: nothing left to sum
            ax.annotate("0", (i, 0), xytext=(0, 3), textcoords="offset points", ha="center")
    set_category_ticks(ax, table["instances"])
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel(y_label)
    ax.set_ylim(bottom=0)


def _container_cost(ax: Axes, table: pd.DataFrame) -> None:
    width = 0.38
    bars = [_bars(ax, table, "container_s", -width / 2, width=width, color=COLORS[1],
                  label="Mean container runtime (left)")]
    twin = ax.twinx()
    twin.spines["right"].set_visible(True)
    twin.grid(False)
    bars.append(_bars(twin, table, "cost_usd", width / 2, width=width, color=COLORS[0],
                      label="Cost per instance (right)"))
    set_category_ticks(ax, table["instances"])
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Mean container runtime [s]")
    twin.set_ylabel("Cost per instance [USD]")
    ax.set_ymargin(0.35)
    twin.set_ymargin(0.35)
    ax.set_ylim(bottom=0)
    twin.set_ylim(bottom=0)
    ax.legend(handles=bars, loc="upper left")


def draw_all(summary: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Draw the four weak-scaling figures.

    Parameters
    ----------
    summary : pandas.DataFrame
        The summary table (with a ``source`` column).
    out_dir : Path
        Output folder.

    Returns
    -------
    list of Path
        The PNG files written.
    """
    tables = split_sources(summary)
    figures = [
        ("weak_scaling_time_to_solution", _grouped, (5.6, 3.8)),
        ("weak_scaling_startup", partial(_single, metric="startup_s",
                                         y_label="Start-up and queue time [s]",
                                         color=COLORS[2]), PANEL_SIZE),
        ("weak_scaling_container_cost", _container_cost, (5.2, 3.6)),
        ("weak_scaling_reduction", partial(_single, metric="reduction_s",
                                           y_label="Additional reduction time [s]",
                                           color=COLORS[3]), PANEL_SIZE),
    ]
    return [draw_per_source(tables, draw, out_dir=out_dir, name=name, size=size)
            for name, draw, size in figures]
