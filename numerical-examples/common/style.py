"""The look of every figure: Agg backend, readable fonts at the written size, one writer.

Figures are written at ``DPI`` dots per inch with panels of ``PANEL_SIZE`` inches, so a 10 pt label
is about 28 px high in a ~900 px wide PNG. When several raw-timings files are given, each figure
draws one panel per file, side by side with a shared y axis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import (  # noqa: E402
    FixedLocator,
    LogLocator,
    NullFormatter,
    ScalarFormatter,
)

__all__ = ["COLORS", "DPI", "MARKERS", "PANEL_SIZE", "apply_style", "draw_per_source", "panels",
           "save_figure", "series_lines", "set_category_ticks", "set_log_ticks"]

DPI = 200
PANEL_SIZE = (4.8, 3.6)
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
MARKERS = ("o", "D", "s", "v", "^", "P", "X", "*")

T = TypeVar("T")


def apply_style() -> None:
    """Set the figure style shared by every script (fonts, grid, line widths)."""
    plt.rcParams.update({
        "font.size": 10, "axes.labelsize": 10, "axes.titlesize": 10, "legend.fontsize": 8.5,
        "xtick.labelsize": 9, "ytick.labelsize": 9, "axes.grid": True, "grid.alpha": 0.3,
        "grid.linewidth": 0.6, "lines.linewidth": 1.6, "lines.markersize": 5,
        "axes.spines.top": False, "axes.spines.right": False, "legend.framealpha": 0.9,
        "errorbar.capsize": 3, "savefig.dpi": DPI, "figure.dpi": 100,
    })


def panels(labels: Sequence[str], size: tuple[float, float] = PANEL_SIZE,
           sharey: bool = True) -> tuple[Figure, list[Axes]]:
    """Create a figure with one panel per data source, side by side.

    Parameters
    ----------
    labels : sequence of str
        Source labels; with more than one, each panel is titled with its label.
    size : tuple of float
        Width and height of one panel, inches.
    sharey : bool
        Share the y axis between panels (to compare sources at a glance).

    Returns
    -------
    (Figure, list of Axes)
        The figure (constrained layout) and its panels in the order of ``labels``.
    """
    fig, axes = plt.subplots(1, len(labels), figsize=(size[0] * len(labels), size[1]),
                             sharey=sharey, squeeze=False, layout="constrained")
    if len(labels) > 1:
        for ax, label in zip(axes[0], labels, strict=True):
            ax.set_title(label)
    return fig, list(axes[0])


def set_category_ticks(ax: Axes, values: Sequence[object]) -> None:
    """Label equally spaced positions 0..k-1 with ``values`` (e.g. 1, 2, 4, …, 128 instances)."""
    ax.set_xticks(range(len(values)), [str(v) for v in values])
    ax.grid(False, axis="x")


def save_figure(fig: Figure, out_dir: Path, name: str) -> Path:
    """Write ``<out_dir>/<name>.png`` and close the figure.

    Parameters
    ----------
    fig : Figure
        The figure.
    out_dir : Path
        Output folder (created if missing).
    name : str
        File stem.

    Returns
    -------
    Path
        The PNG written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def draw_per_source(sources: Mapping[str, T], draw: Callable[[Axes, T], None], *, out_dir: Path,
                    name: str, size: tuple[float, float] = PANEL_SIZE) -> Path:
    """Draw one figure with a panel per source (see :func:`panels`) and write it.

    Parameters
    ----------
    sources : Mapping
        Source label -> what its panel shows (usually its rows of a table), in panel order.
    draw : callable
        ``draw(ax, value)`` draws one source's panel.
    out_dir : Path
        Output folder.
    name : str
        File stem.
    size : tuple of float
        Width and height of one panel, inches.

    Returns
    -------
    Path
        The PNG written.
    """
    fig, axes = panels(list(sources), size, sharey=False)
    for ax, value in zip(axes, sources.values(), strict=True):
        draw(ax, value)
    _share_comparable_y(axes)
    return save_figure(fig, out_dir, name)


#: Panels whose y ranges differ by more than this factor keep their own scales: on a shared axis
#: seisless's seconds-long local runs were invisible beside the paper's minutes.
SHARE_Y_UP_TO = 4.0


def _share_comparable_y(axes: Sequence[Axes]) -> None:
    """Give the panels one y range when their ranges are comparable.

    Comparable: the tops (and, on log scales, the bottoms) within ``SHARE_Y_UP_TO`` of each
    other; one range then compares them at a glance. Otherwise each keeps its own, the titles
    say so, and a log axis whose fixed ticks miss its range gets automatic ones. Twin axes are
    not among ``axes``.
    """
    if len(axes) < 2 or len({ax.get_yscale() for ax in axes}) != 1:
        return
    log = axes[0].get_yscale() == "log"
    limits = [ax.get_ylim() for ax in axes]
    ends = [[top for _, top in limits]] + ([[bottom for bottom, _ in limits]] if log else [])
    if all(min(v) > 0 and max(v) / min(v) <= SHARE_Y_UP_TO for v in ends):
        span = (min(b for b, _ in limits), max(t for _, t in limits))
        for ax in axes:
            ax.set_ylim(*span)
        return
    for ax, (bottom, top) in zip(axes, limits, strict=True):
        if ax.get_title():
            ax.set_title(f"{ax.get_title()} (own y scale)")
        ticks = [t for t in ax.yaxis.get_majorticklocs() if bottom <= t <= top]
        if log and len(ticks) < 2:
            ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))


def set_log_ticks(ax: Axes, axis: str, ticks: Sequence[float]) -> None:
    """Use a log scale on ``axis`` ('x' or 'y') with plain-number labels at ``ticks``."""
    scale = ax.set_xscale if axis == "x" else ax.set_yscale
    target = ax.xaxis if axis == "x" else ax.yaxis
    scale("log")
    target.set_major_locator(FixedLocator(list(ticks)))
    formatter = ScalarFormatter()
    formatter.set_scientific(False)
    target.set_major_formatter(formatter)
    target.set_minor_formatter(NullFormatter())


def series_lines(ax: Axes, table: pd.DataFrame, x: str, y: str,
                 options: Mapping[str, object] | None = None) -> None:
    """Draw one line with markers per ``series`` of a summary table, in table order.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    table : pandas.DataFrame
        Rows with a ``series`` column, sorted in drawing order.
    x, y : str
        Columns of the x and y values.
    options : Mapping, optional
        ``yerr``: column of symmetric error bars; ``labels``: series name -> legend label.
    """
    options = options or {}
    labels = options.get("labels", {})
    for k, (name, rows) in enumerate(table.groupby("series", sort=False)):
        yerr = rows[options["yerr"]] if options.get("yerr") else None
        ax.errorbar(rows[x], rows[y], yerr=yerr, fmt=f"{MARKERS[k % 8]}-", color=COLORS[k % 8],
                    label=labels.get(name, name))
