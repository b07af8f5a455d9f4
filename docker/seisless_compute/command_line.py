"""The command line beyond a job's ``python -m seisless_compute <task>``: help, usage errors and
``warm-cache``. Kept apart from ``__main__`` so that a job does not import argparse."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path

from seisless_compute.errors import ValidationError, describe

__all__ = ["task_parser", "warm_cache"]


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors follow the one-line error format and exit 2: ``subject``,
    the command line received (``missing`` when empty), ``expected``."""

    def __init__(self, argv: list[str], *, subject: str, missing: str, expected: str,
                 **options) -> None:
        super().__init__(**options)
        self.argv, self.subject, self.missing, self.expected = argv, subject, missing, expected

    def error(self, message: str):
        received = describe(" ".join(self.argv)) if self.argv else self.missing
        raise ValidationError(self.subject, received, self.expected)


def task_parser(argv: list[str], tasks: Mapping) -> argparse.ArgumentParser:
    """The parser of ``python -m seisless_compute <task>`` for the task table ``tasks``
    (name to a definition with a ``summary``)."""
    listing = "\n".join(f"  {name:<10} {task.summary}" for name, task in tasks.items())
    parser = _Parser(
        argv, subject="task", missing="no task",
        expected=f"one of {', '.join(tasks)} (see --help)",
        prog="python -m seisless_compute",
        description="Run one seisless compute task, configured by the environment "
                    "(SEISLESS_BUCKET, SEISLESS_TASK_KEY, ...; see docs/contracts/jobs.md).",
        epilog=f"tasks:\n{listing}\n\nnot a job: warm-cache SPEC.json ... "
               "(see warm-cache --help)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("task", choices=list(tasks), metavar="task", help="the task to run")
    return parser


def _warm_cache_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = _Parser(
        argv, subject="warm-cache", missing="no run spec",
        expected="SPEC.json ... [--cache-dir DIR] (see warm-cache --help)",
        prog="python -m seisless_compute warm-cache",
        description="Compile the operators the jobs of these run specs use into the compile "
                    "cache (specs whose grid is only known at run time, or that run under MPI, "
                    "are skipped). One JSON line per spec on stdout.")
    parser.add_argument("specs", nargs="+", type=Path, metavar="SPEC.json", help="run specs")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="compile cache (default: $SEISLESS_CACHE_DIR, else "
                             "~/.cache/seisless/devito)")
    return parser


def warm_cache(argv: list[str]) -> None:
    """``warm-cache SPEC.json … [--cache-dir DIR]``: one JSON line per spec on stdout."""
    from seisless_compute.solvers.cache import default_cache_dir
    from seisless_compute.warm_cache import configuration_of, read_spec, warm

    options = _warm_cache_parser(argv).parse_args(argv)
    cache_dir = options.cache_dir or default_cache_dir()
    configs = [(path, configuration_of(read_spec(path), path.name)) for path in options.specs]
    for path, config in configs:
        line = {"source": path.name, "skipped": True} if config is None else warm(config,
                                                                                  cache_dir)
        print(json.dumps(line), flush=True)
