"""One table of plotted values, written three ways: CSV (full precision), Markdown, JSON.

The JSON file is for scripts::

    {"name": ..., "title": ..., "notes": [...], "columns": [...],
     "rows": [{column: value}, ...], "meta": {...}}

with ``null`` for values that are not defined (e.g. a confidence interval of a single run).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["TableInfo", "format_value", "mean_pm", "write_table"]


@dataclass(frozen=True)
class TableInfo:
    """What a table is: its file stem, a title and notes (definitions, units, caveats).

    Attributes
    ----------
    name : str
        File stem; the files are ``<name>.csv``, ``<name>.md`` and ``<name>.json``.
    title : str
        One line, used as the Markdown heading.
    notes : sequence of str
        Definitions and caveats, printed under the heading and stored in the JSON.
    meta : Mapping
        Inputs worth recording (prices, seeds, options), JSON-serialisable.
    """

    name: str
    title: str
    notes: Sequence[str] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)


def format_value(value: Any) -> str:
    """Format one cell for Markdown: integers as is, floats to a readable precision.

    Parameters
    ----------
    value : Any
        The cell.

    Returns
    -------
    str
        ``–`` for missing values; 1 decimal from 10, 2 decimals from 1, else 3 significant digits.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return "–" if value is None or value is pd.NA else str(value)
    if isinstance(value, (int, np.integer)):
        return str(value)
    if math.isnan(value):
        return "–"
    if value == 0 or abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3g}"


def _markdown(frame: pd.DataFrame, info: TableInfo) -> str:
    lines = [f"# {info.title}", ""]
    lines += [f"- {note}" for note in info.notes]
    lines += ["" if info.notes else "", "| " + " | ".join(map(str, frame.columns)) + " |"]
    lines.append("|" + "|".join("---" for _ in frame.columns) + "|")
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(format_value(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    return None if value is pd.NA else value


def write_table(frame: pd.DataFrame, out_dir: Path, info: TableInfo,
                display: pd.DataFrame | None = None) -> list[Path]:
    """Write a table as ``<name>.csv``, ``<name>.md`` and ``<name>.json``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The values, one column per quantity (units in the column names).
    out_dir : Path
        Output folder (created if missing).
    info : TableInfo
        Name, title, notes and metadata.
    display : pandas.DataFrame, optional
        A formatted version for the Markdown file (e.g. ``mean ± std`` strings).

    Returns
    -------
    list of Path
        The three files written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / info.name
    paths = [stem.with_suffix(".csv"), stem.with_suffix(".md"), stem.with_suffix(".json")]
    frame.to_csv(paths[0], index=False)
    paths[1].write_text(_markdown(frame if display is None else display, info), encoding="utf-8")
    rows = [{c: _plain(v) for c, v in zip(frame.columns, row, strict=True)}
            for row in frame.itertuples(index=False)]
    document = {"name": info.name, "title": info.title, "notes": list(info.notes),
                "columns": [str(c) for c in frame.columns], "rows": rows, "meta": dict(info.meta)}
    paths[2].write_text(json.dumps(document, indent=1, allow_nan=False) + "\n", encoding="utf-8")
    return paths


def _pm(mean: float, spread: float) -> str:
    if pd.isna(spread):
        return format_value(mean)
    return f"{format_value(mean)} ± {format_value(spread)}"


def mean_pm(table: pd.DataFrame, keys: Sequence[str], metrics: Mapping[str, str],
            spread: str) -> pd.DataFrame:
    """Build a compact display table with ``mean ± spread`` cells, for Markdown.

    Parameters
    ----------
    table : pandas.DataFrame
        A summary with ``<metric>_mean`` and ``<metric><spread>`` columns.
    keys : sequence of str
        Columns copied as they are (e.g. ``source``, ``instances``, ``runs``).
    metrics : Mapping[str, str]
        Metric stem -> display heading (with its unit).
    spread : str
        Suffix of the spread column, e.g. ``_ci90`` or ``_std``.

    Returns
    -------
    pandas.DataFrame
        ``keys`` followed by one text column per metric.
    """
    display = table[list(keys)].copy()
    for metric, heading in metrics.items():
        means, spreads = table[f"{metric}_mean"], table[f"{metric}{spread}"]
        display[heading] = [_pm(m, s) for m, s in zip(means, spreads, strict=True)]
    return display
