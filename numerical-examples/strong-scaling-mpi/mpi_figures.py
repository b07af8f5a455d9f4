"""Figures of the MPI strong-scaling experiment: runtime, efficiency, breakdown and cost."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes

from common.constants import CI_LEVEL, OMP_CORES_PER_SOCKET
from common.raw import split_sources
from common.scaling import log2_ticks
from common.stats import ci_suffix
from common.style import (
    COLORS,
    MARKERS,
    draw_per_source,
    panels,
    save_figure,
    series_lines,
    set_category_ticks,
    set_log_ticks,
)

__all__ = ["draw_all"]

CI = ci_suffix(CI_LEVEL)
X_LABEL = "Number of instances (MPI ranks)"
MARKETS = {"on_demand": "on-demand", "spot": "spot (1 instance only)"}
BREAKDOWN = (("job_s", "Job (created → stopped)"), ("container_s", "Container"),
             ("script_s", "Python script"), ("kernel_s", "Devito kernel"))


def _runtime(ax: Axes, table: pd.DataFrame, labels: Mapping[str, str]) -> None:
    series_lines(ax, table, "nodes", "kernel_s_mean", {"yerr": f"kernel_s{CI}", "labels": labels})
    set_log_ticks(ax, "x", log2_ticks(table["nodes"], OMP_CORES_PER_SOCKET))
    set_log_ticks(ax, "y", [25, 50, 100, 200, 400])
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Devito kernel runtime [s]")
    ax.legend(loc="upper right")


def _efficiency(ax: Axes, table: pd.DataFrame, labels: Mapping[str, str]) -> None:
    series_lines(ax, table, "nodes", "efficiency", {"labels": labels})
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
    set_log_ticks(ax, "x", log2_ticks(table["nodes"], OMP_CORES_PER_SOCKET))
    ax.set_ylim(0, 1.15)
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Parallel efficiency T1 / (n·Tn)")
    ax.legend(loc="lower left")


def _breakdown(ax: Axes, rows: pd.DataFrame) -> None:
    for k, (metric, label) in enumerate(BREAKDOWN):
        ax.errorbar(rows["nodes"], rows[f"{metric}_mean"], yerr=rows[f"{metric}{CI}"],
                    fmt=f"{MARKERS[k]}-", color=COLORS[k], label=label)
    set_log_ticks(ax, "x", log2_ticks(rows["nodes"], OMP_CORES_PER_SOCKET))
    set_log_ticks(ax, "y", [30, 60, 125, 250, 500, 1000])
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Runtime [s]")
    ax.legend(loc="lower left")


def _cost(ax: Axes, table: pd.DataFrame, labels: Mapping[str, str]) -> None:
    priced = table[table["cost_on_demand_usd_mean"].notna()]
    if priced.empty:  # e.g. the local cloud's runs (instance type 'local'): no AWS price
        ax.text(0.5, 0.5, "not priced: these runs have no AWS instance type", ha="center",
                va="center", transform=ax.transAxes)
        ax.set_xlabel(X_LABEL)
        ax.set_ylabel("Cost per gradient [USD]")
        return
    nodes = sorted(priced["nodes"].unique())
    bars = [(name, market) for name in priced["series"].unique() for market in MARKETS]
    width = 0.8 / max(len(bars), 1)
    for k, (name, market) in enumerate(bars):
        rows = priced[priced["series"] == name].set_index("nodes").reindex(nodes)
        column = f"cost_{market}_usd"
        ax.bar([i + (k - (len(bars) - 1) / 2) * width for i in range(len(nodes))],
               rows[f"{column}_mean"], width=width, yerr=rows[f"{column}{CI}"],
               color=COLORS[k], ecolor="black", error_kw={"elinewidth": 0.8},
               label=f"{labels.get(name, name)}, " + MARKETS[market])
    set_category_ticks(ax, nodes)
    ax.set_xlabel(X_LABEL)
    ax.set_ylabel("Cost per gradient [USD]")
    ax.legend(loc="upper left")


def draw_all(summary: pd.DataFrame, labels: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Draw the MPI figures.

    Parameters
    ----------
    summary : pandas.DataFrame
        The summary table (with ``source``).
    labels : Mapping[str, str]
        Series name -> legend label.
    out_dir : Path
        Output folder.

    Returns
    -------
    list of Path
        The PNG files written.
    """
    tables = split_sources(summary)
    figures = (("strong_scaling_mpi_runtime", _runtime),
               ("strong_scaling_mpi_efficiency", _efficiency), ("strong_scaling_mpi_cost", _cost))
    written = [draw_per_source(tables, partial(draw, labels=labels), out_dir=out_dir, name=name,
                               size=(5.0, 3.8))
               for name, draw in figures]
    batch = [(src, name, rows) for src, table in tables.items()
             for name, rows in table.groupby("series", sort=False)
             if rows["job_s_mean"].notna().any()]
    fig, axes = panels([f"{labels.get(n, n)}" + (f" ({s})" if len(tables) > 1 else "")
                        for s, n, _ in batch] or ["no Batch series"], (4.6, 3.8))
    for ax, (_, _, rows) in zip(axes, batch, strict=False):
        _breakdown(ax, rows)
    written.append(save_figure(fig, out_dir, "strong_scaling_mpi_breakdown"))
    return written
