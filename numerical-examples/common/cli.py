"""The command line shared by every ``plot.py``: ``--data``, ``--timings``, ``--out``.

Results (the files written) go to stdout, one path per line; errors are one line on stderr.
Exit codes: 0 done, 1 a :class:`~common.errors.FiguresError` (bad data or option), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from common.errors import FiguresError
from common.paths import DATA_ENV, default_out_dir, resolve_data_dir
from common.raw import Source, parse_sources

__all__ = ["OWN_LABEL", "PAPER_LABEL", "Context", "build_parser", "context_from_args",
           "print_written", "run_main"]

PAPER_LABEL = "TPDS 2020"
OWN_LABEL = "seisless (this machine)"


@dataclass(frozen=True)
class Context:
    """Where a script reads from and writes to.

    Attributes
    ----------
    data_dir : Path
        The paper data directory (also the home of ``prices.csv``).
    sources : list of Source
        The raw-timings files to draw.
    out_dir : Path
        The output folder.
    """

    data_dir: Path
    sources: list[Source]
    out_dir: Path


def build_parser(description: str, default_csv: str) -> argparse.ArgumentParser:
    """Return the argument parser with the options every experiment shares.

    Parameters
    ----------
    description : str
        What the script draws (first line of ``--help``).
    default_csv : str
        The file name of the experiment's raw timings in the paper data directory.

    Returns
    -------
    argparse.ArgumentParser
        With ``--data``, ``--timings`` and ``--out``; scripts add their own options.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", metavar="DIR",
                        help=f"paper data directory (default: ${DATA_ENV}, else "
                             "<repo>/../shared/paper-data)")
    parser.add_argument("--timings", metavar="[LABEL=]CSV", action="append",
                        help=f"raw-timings file(s) to draw, side by side when repeated "
                             f"(default: <data>/{default_csv}, labelled '{PAPER_LABEL}')")
    parser.add_argument("--beside", metavar="[LABEL=]CSV", action="append", default=[],
                        help="raw timings of seisless's own runs (<experiment>/runs/*.csv), drawn "
                             f"after the --timings files (label default: '{OWN_LABEL}')")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: <experiment>/output)")
    return parser


def context_from_args(args: argparse.Namespace, experiment_dir: Path,
                      default_csv: str) -> Context:
    """Resolve the data directory, the raw-timings files and the output folder.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of :func:`build_parser`.
    experiment_dir : Path
        The folder of the calling ``plot.py``.
    default_csv : str
        The experiment's file name in the data directory.

    Returns
    -------
    Context
        Ready to use.
    """
    data_dir = resolve_data_dir(args.data)
    sources = parse_sources(args.timings, data_dir / default_csv, PAPER_LABEL)
    for value in getattr(args, "beside", None) or []:
        label, sep, path = value.partition("=")
        label, path = (label, path) if sep else (OWN_LABEL, value)
        sources.append(Source(label, Path(path).expanduser()))
    labels = [s.label for s in sources]
    if len(set(labels)) != len(labels):
        raise FiguresError("--beside", f"labels {labels}", "a distinct LABEL= for every file")
    out_dir = Path(args.out).expanduser() if args.out else default_out_dir(experiment_dir)
    return Context(data_dir=data_dir, sources=sources, out_dir=out_dir)


def print_written(paths: Iterable[Path]) -> None:
    """Print each written file on its own line (stdout)."""
    for path in paths:
        print(path)


def run_main(main: Callable[[list[str] | None], None], argv: list[str] | None = None) -> int:
    """Run a script's ``main`` with the one top-level catch.

    Parameters
    ----------
    main : callable
        The script's ``main(argv)``.
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 on a :class:`FiguresError` (reported as one line on stderr).
    """
    try:
        main(argv)
    except FiguresError as error:
        print(error.line(), file=sys.stderr)
        return 1
    return 0
