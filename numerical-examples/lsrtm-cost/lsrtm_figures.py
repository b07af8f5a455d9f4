"""The LS-RTM cost bars: one group per service, one bar per design, log scale, values on top."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from common.style import COLORS, panels, save_figure, set_category_ticks, set_log_ticks

__all__ = ["bar_totals", "draw"]


def bar_totals(items: pd.DataFrame, designs: list[str]) -> pd.DataFrame:
    """Sum the priced rows into the figure's bars, and add the totals.

    Parameters
    ----------
    items : pandas.DataFrame
        Output of ``cost_table``.
    designs : list of str
        Design labels, in drawing order.

    Returns
    -------
    pandas.DataFrame
        ``bar`` and one ``<design> USD`` column per design; the last two rows are the totals with
        EC2 on-demand and with EC2 Spot.
    """
    columns = [f"{d} USD" for d in designs]
    bars = items.groupby("bar", sort=False)[columns].sum().reset_index()
    services = bars[~bars["bar"].str.startswith("EC2")][columns].sum()
    for market in ("on-demand", "spot"):
        ec2 = bars[bars["bar"] == f"EC2 {market}"][columns].sum()
        bars.loc[len(bars)] = [f"Total with EC2 {market}", *(ec2 + services)]
    return bars


def _label(value: float) -> str:
    if value >= 10:
        return f"{value:.0f}"
    return f"{value:.2f}" if value >= 0.01 else f"{value:.1e}"


def draw(bars: pd.DataFrame, designs: list[str], out_dir: Path) -> Path:
    """Draw the cost bars of every design.

    Parameters
    ----------
    bars : pandas.DataFrame
        Output of :func:`bar_totals` (the totals are not drawn).
    designs : list of str
        Design labels, in drawing order.
    out_dir : Path
        Output folder.

    Returns
    -------
    Path
        The PNG written.
    """
    shown = bars[~bars["bar"].str.startswith("Total")].reset_index(drop=True)
    fig, (ax,) = panels(["all"], (7.4, 4.0))
    width = 0.8 / len(designs)
    for k, design in enumerate(designs):
        x = [i + (k - (len(designs) - 1) / 2) * width for i in range(len(shown))]
        values = shown[f"{design} USD"]
        ax.bar(x, values, width=width, color=COLORS[k], label=design)
        for xi, v in zip(x, values, strict=True):
            ax.text(xi, v * 1.15, _label(v), ha="center", va="bottom", fontsize=7.5, rotation=90)
    set_log_ticks(ax, "y", [0.001, 0.01, 0.1, 1, 10, 100, 1000])
    ax.set_ylim(top=ax.get_ylim()[1] * 8)
    set_category_ticks(ax, shown["bar"])
    ax.set_ylabel("Cost of 30 iterations [USD]")
    ax.set_xlabel("Service (LS-RTM case study: 30 iterations × 80 gradients)")
    ax.legend(loc="upper right", title="seisless: modelled, Lambda time an upper bound",
              title_fontsize=8)
    return save_figure(fig, out_dir, "lsrtm_cost")
