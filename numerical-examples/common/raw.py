"""Raw-timings CSV files read against their schema: the contract of every experiment.

A schema lists the columns a figure needs. Extra columns are allowed and ignored, so the paper's
files and seisless's own later runs (which write at least the same columns) both load. Several
files can be read at once (``--timings LABEL=PATH``, repeated); their rows are tagged with a
``source`` column so that a script draws them side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from common.errors import FiguresError, SchemaError

__all__ = [
    "SOURCE", "Schema", "Source", "load_sources", "parse_sources", "per_source", "read_timings",
    "split_sources",
]

SOURCE = "source"


@dataclass(frozen=True)
class Schema:
    """The columns an experiment reads from its raw-timings CSV.

    Attributes
    ----------
    name : str
        The experiment, for error messages.
    numeric : tuple of str
        Required columns that must parse as numbers (empty cells allowed).
    text : tuple of str
        Required columns read as labels.
    """

    name: str
    numeric: tuple[str, ...] = ()
    text: tuple[str, ...] = field(default=())

    @property
    def columns(self) -> tuple[str, ...]:
        """All required columns, labels first."""
        return self.text + self.numeric


@dataclass(frozen=True)
class Source:
    """One raw-timings file and the label its values are drawn under."""

    label: str
    path: Path


def parse_sources(values: Sequence[str] | None, default: Path, default_label: str) -> list[Source]:
    """Turn ``--timings`` values (``PATH`` or ``LABEL=PATH``) into sources.

    Parameters
    ----------
    values : sequence of str or None
        The option values; empty or None selects the default file.
    default : Path
        The paper's file in the data directory.
    default_label : str
        The label of the default file and of an unlabelled first file.

    Returns
    -------
    list of Source
        In the order given.
    """
    if not values:
        return [Source(default_label, default)]
    sources = []
    for index, value in enumerate(values):
        label, sep, path = value.partition("=")
        if not sep:
            label, path = (default_label if index == 0 else Path(value).stem), value
        sources.append(Source(label, Path(path).expanduser()))
    labels = [s.label for s in sources]
    if len(set(labels)) != len(labels):
        raise FiguresError("--timings", f"labels {labels}", "a distinct LABEL= for every file")
    return sources


def read_timings(path: Path, schema: Schema) -> pd.DataFrame:
    """Read one raw-timings CSV and check it against a schema.

    Parameters
    ----------
    path : Path
        The CSV file.
    schema : Schema
        The columns it must have.

    Returns
    -------
    pandas.DataFrame
        The file's rows, with the numeric columns as floats.

    Raises
    ------
    SchemaError
        Naming the file and the missing or non-numeric column.
    """
    if not path.is_file():
        raise FiguresError(str(path), "no such file", f"a raw-timings CSV of {schema.name}")
    frame = pd.read_csv(path)
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        raise SchemaError(str(path), f"missing column(s) {', '.join(missing)}",
                          f"the {schema.name} columns {', '.join(schema.columns)}"
                          " (numerical-examples/README.md)")
    if frame.empty:
        raise SchemaError(str(path), "no data rows", f"at least one {schema.name} measurement")
    for column in schema.numeric:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() & frame[column].notna()
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0]) + 2
            raise SchemaError(f"{path}:{column}", f"{frame[column][bad].iloc[0]!r} on line {row}",
                              "a number (seconds, counts or an empty cell)")
        frame[column] = values.astype(float)
    return frame


def load_sources(sources: Sequence[Source], schema: Schema) -> pd.DataFrame:
    """Read several raw-timings files into one table with a ``source`` column.

    Parameters
    ----------
    sources : sequence of Source
        The files, in drawing order.
    schema : Schema
        The columns every file must have.

    Returns
    -------
    pandas.DataFrame
        All rows; ``source`` is an ordered categorical in the order of ``sources``.
    """
    frames = [read_timings(s.path, schema).assign(**{SOURCE: s.label}) for s in sources]
    table = pd.concat(frames, ignore_index=True)
    order = [s.label for s in sources]
    table[SOURCE] = pd.Categorical(table[SOURCE], categories=order, ordered=True)
    return table


def per_source(raw: pd.DataFrame, compute: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    """Apply a computation to each source's rows and stack the results.

    Parameters
    ----------
    raw : pandas.DataFrame
        Rows of one or more sources (see :func:`load_sources`).
    compute : callable
        Maps one source's rows to a result table.

    Returns
    -------
    pandas.DataFrame
        The results, with ``source`` (ordered categorical) as the first column, in source order.
    """
    parts = []
    for label, rows in raw.groupby(SOURCE, observed=True, sort=True):
        result = compute(rows.drop(columns=SOURCE).reset_index(drop=True))
        parts.append(result.assign(**{SOURCE: label}))
    table = pd.concat(parts, ignore_index=True)
    order = raw[SOURCE].cat.categories if isinstance(raw[SOURCE].dtype, pd.CategoricalDtype) \
        else pd.unique(raw[SOURCE])
    table[SOURCE] = pd.Categorical(table[SOURCE], categories=order, ordered=True)
    return table[[SOURCE] + [c for c in table.columns if c != SOURCE]]


def split_sources(table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return ``{label: rows}`` of a table with a ``source`` column, in source order."""
    return {str(label): rows.reset_index(drop=True)
            for label, rows in table.groupby(SOURCE, observed=True, sort=True)}
