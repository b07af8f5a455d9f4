"""Figures of the OpenMP strong-scaling experiment (log axes as in the paper)."""

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
from common.style import draw_per_source, series_lines, set_log_ticks

__all__ = ["draw_all"]

X_LABEL = "Number of OpenMP threads"


def _series(ax: Axes, table: pd.DataFrame, labels: Mapping[str, str], column: str) -> None:
    err = f"kernel_s{ci_suffix(CI_LEVEL)}" if column == "kernel_s_mean" else None
    series_lines(ax, table, "threads", column, {"yerr": err, "labels": labels})
    ax.axvline(OMP_CORES_PER_SOCKET, color="grey", linestyle=":", linewidth=1)
    set_log_ticks(ax, "x", log2_ticks(table["threads"], OMP_CORES_PER_SOCKET))
    ax.set_xlabel(X_LABEL)


def _runtime(ax: Axes, table: pd.DataFrame, labels: Mapping[str, str]) -> None:
    _series(ax, table, labels, "kernel_s_mean")
    set_log_ticks(ax, "y", [125, 250, 500, 1000, 2000])
    ax.set_ylabel("Devito kernel runtime [s]")
    ax.legend(loc="upper right")
    ax.text(OMP_CORES_PER_SOCKET, ax.get_ylim()[0] * 1.05, " 1 socket", color="grey", fontsize=8)


def _efficiency(ax: Axes, table: pd.DataFrame, labels: Mapping[str, str]) -> None:
    _series(ax, table, labels, "efficiency")
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("Parallel efficiency T1 / (n·Tn)")
    ax.legend(loc="upper right")


def draw_all(summary: pd.DataFrame, labels: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Draw the kernel-runtime and parallel-efficiency figures.

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
    figures = (("strong_scaling_omp_runtime", _runtime),
               ("strong_scaling_omp_efficiency", _efficiency))
    return [draw_per_source(tables, partial(draw, labels=labels), out_dir=out_dir, name=name,
                            size=(5.0, 3.8))
            for name, draw in figures]
