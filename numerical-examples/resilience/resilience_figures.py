"""Paper Fig. 12: resilience factor versus failure percentage, mean ± std bands."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes

from common.raw import split_sources
from common.style import COLORS, draw_per_source

__all__ = ["FIGURES", "draw_all"]

# case -> (file stem, title); other cases are drawn as figure_12_resilience_<case>.
FIGURES = {
    "memory": ("figure_12a_resilience_memory", "Wavefields in memory"),
    "checkpointing": ("figure_12b_resilience_checkpointing", "Optimal checkpointing"),
}
MODES = (("restart", "with instance restart"), ("no_restart", "without restart (redistributed)"))


def _draw(ax: Axes, rows: pd.DataFrame, title: str) -> None:
    if rows.empty:  # a source without this case (e.g. seisless's runs beside the paper's)
        ax.text(0.5, 0.5, "no runs of this case", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_title(title)
        return
    x = rows["failure_pct"]
    for k, (mode, label) in enumerate(MODES):
        mean, std = rows[f"factor_{mode}_mean"], rows[f"factor_{mode}_std"].fillna(0.0)
        ax.plot(x, mean, color=COLORS[k], label=label)
        ax.fill_between(x, mean - std, mean + std, color=COLORS[k], alpha=0.3, linewidth=0)
    ax.set_xlim(x.min(), x.max())
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("Instances that fail [%]")
    ax.set_ylabel("Resilience factor T(0 %) / T(failures)")
    ax.set_title(title)
    ax.legend(loc="lower left", title="mean ± std over seeds", title_fontsize=8)


def draw_all(table: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Draw one figure per case (Fig. 12a memory, 12b checkpointing).

    Parameters
    ----------
    table : pandas.DataFrame
        The summary (with ``source`` and ``case``).
    out_dir : Path
        Output folder.

    Returns
    -------
    list of Path
        The PNG files written.
    """
    tables = split_sources(table)
    written = []
    for case in table["case"].unique():
        stem, title = FIGURES.get(case, (f"figure_12_resilience_{case}", case))
        # Each panel: the source's rows of this case, titled with the source when there are several.
        by_source = {label: (rows[rows["case"] == case],
                          title + (f" — {label}" if len(tables) > 1 else ""))
                  for label, rows in tables.items()}
        written.append(draw_per_source(by_source, lambda ax, panel: _draw(ax, *panel),
                                       out_dir=out_dir, name=stem, size=(4.6, 3.6)))
    return written
