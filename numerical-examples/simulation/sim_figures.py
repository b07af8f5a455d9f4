"""The simulation's figures: weak scaling, reduction tail, cost per instance, cluster, LS-RTM."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sim_cost import SERVICES

from common.style import COLORS, MARKERS, save_figure, set_log_ticks

__all__ = ["draw_all"]

SOURCES = ("paper measured", "paper replay", "seisless")


def _lines(ax, summary: pd.DataFrame, column: str, positive: bool = False) -> None:
    for i, source in enumerate(SOURCES):
        rows = summary[summary["source"] == source]
        if column in rows and rows[column].notna().any():
            values = rows[column].where(rows[column] > 0) if positive else rows[column]
            ax.plot(rows["instances"], values, marker=MARKERS[i], color=COLORS[i], label=source)
    set_log_ticks(ax, "x", sorted(summary["instances"].unique()))
    ax.set_xlabel("instances (= shots per gradient)")


def _weak(summary: pd.DataFrame, out: Path) -> Path:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10.4, 3.8))
    _lines(left, summary, "time_to_solution_s_mean")
    own = summary[summary["source"] == "seisless"]
    left.plot(own["instances"], own["time_to_gradient_s_mean"], ls="--", color=COLORS[2],
              label="seisless + poll + assembly")
    left.set_ylabel("time-to-solution [s]")
    left.set_ylim(bottom=0)
    left.legend()
    x = np.arange(len(own))
    bottom = np.zeros(len(own))
    for i, (part, label) in enumerate((("startup_s_mean", "start-up/queue"),
                                       ("container_s_mean", "container"),
                                       ("reduction_s_mean", "reduction"),
                                       ("orchestration_s_mean", "poll + assembly"))):
        values = own[part].to_numpy()
        right.bar(x, values, bottom=bottom, color=COLORS[i + 3], label=label)
        bottom += values
    right.set_xticks(x, own["instances"].astype(int))
    right.set_xlabel("instances")
    right.set_ylabel("seisless, simulated [s]")
    right.legend(fontsize=7.5)
    fig.suptitle("Weak scaling at paper scale (BP gradient): simulation against the paper")
    return save_figure(fig, out, "simulation_weak_scaling")


def _single(summary: pd.DataFrame, out: Path, what: tuple[str, str, str],
            log: bool = False) -> Path:
    column, ylabel, name = what
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    _lines(ax, summary, column, positive=log)  # a log axis leaves out zeros (paper, 1 shot)
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    ax.legend()
    return save_figure(fig, out, name)


def _cluster(paper: pd.DataFrame, own: pd.DataFrame, out: Path) -> Path:
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    for i, (label, table) in enumerate((("paper (measured runtimes)", paper),
                                        ("seisless (simulated runtimes)", own))):
        ax.plot(table["nodes"], table["cluster_cost_usd"] / table["batch_cost_usd"],
                color=COLORS[i], label=label)
    ax.axhline(1.0, color="0.4", lw=0.8, ls=":")
    ax.set_xlabel("fixed cluster size [instances]")
    ax.set_ylabel("cluster cost / Batch cost")
    ax.legend()
    return save_figure(fig, out, "simulation_cluster_cost")


def _lsrtm(case: pd.DataFrame, paper_costs: dict, out: Path) -> Path:
    own = case[(case["source"] == "seisless (simulated)")
               & (case["spot_interruptions_per_hour"] == 0.0)].iloc[0]
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    x = np.arange(len(SERVICES))
    for i, (label, values) in enumerate((
            ("paper (measured, its prices)", [paper_costs[k] for k in SERVICES]),
            ("seisless (simulated, aws_prices.json)", [own[f"{k} USD"] for k in SERVICES]))):
        bars = ax.bar(x + (i - 0.5) * 0.4, values, width=0.4, color=COLORS[i], label=label)
        ax.bar_label(bars, fmt="%.3g", fontsize=7)
    ax.set_xticks(x, SERVICES)
    ax.set_yscale("log")
    ax.set_ylabel("cost of 30 iterations × 80 shots [USD]")
    ax.set_title(f"LS-RTM case study; seisless orchestration = "
                 f"{own['orchestration / EC2 spot']:.2%} of EC2 spot", fontsize=9)
    ax.legend(fontsize=7.5)
    return save_figure(fig, out, "simulation_lsrtm_cost")


def draw_all(summary: pd.DataFrame, clusters: tuple[pd.DataFrame, pd.DataFrame],
             case: pd.DataFrame, paper_costs: dict, out: Path) -> list[Path]:
    """Draw every figure; return the files written."""
    return [
        _weak(summary, out),
        _single(summary, out, ("reduction_s_mean", "additional reduction time [s]",
                               "simulation_reduction"), log=True),
        _single(summary, out, ("cost_usd_mean", "cost per instance [USD]",
                               "simulation_cost_per_instance")),
        _cluster(*clusters, out),
        _lsrtm(case, paper_costs, out),
    ]
