"""Regenerate every figure and table of ``numerical-examples/`` (``npm run figures``).

Runs each ``<experiment>/plot.py`` in its own Python process (two at a time by default), prints
every file written and the total wall time. ``--data`` is passed on to every script; ``--out``
puts each experiment's files in ``<out>/<experiment>/``. When an experiment has runs of seisless
itself (the newest ``<experiment>/runs/*.csv``, written by its ``run.py``), its script runs a
second time with that file beside the paper's (``--beside``), into ``<experiment>/with-seisless/``
(``--no-own-runs`` skips it); the paper-only figures stay where they were.

Run: ``.venv/bin/python numerical-examples/make_all_figures.py [--data DIR] [--out DIR] [-j N]``
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import constants as const  # noqa: E402

PAPER_SERIES = {"strong-scaling-omp": list(const.OMP_SERIES),
                "strong-scaling-mpi": list(const.MPI_SERIES)}


def experiments() -> list[Path]:
    """Return the experiment folders (those with a ``plot.py``), sorted by name."""
    return sorted(p.parent for p in HERE.glob("*/plot.py"))


def own_run(experiment: Path) -> Path | None:
    """Return the newest ``<experiment>/runs/<timestamp>.csv`` of seisless's own runs, if any."""
    files = sorted((experiment / "runs").glob("*.csv"))
    return files[-1] if files else None


def _series(own: Path) -> list[str]:
    """Return ``--series`` naming the paper's series and the run's (else only the paper's)."""
    with own.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or "series" not in rows[0]:
        return []
    known = PAPER_SERIES.get(own.parent.parent.name, [])
    return ["--series", *known, *dict.fromkeys(row["series"] for row in rows)]


def _command(experiment: Path, args: argparse.Namespace, own: Path | None) -> list[str]:
    command = [sys.executable, str(experiment / "plot.py")]
    if args.data:
        command += ["--data", args.data]
    out = Path(args.out) / experiment.name if args.out else None
    if own is not None:
        out = (out or experiment / "output") / "with-seisless"
        command += ["--beside", f"seisless {own.stem}={own}", *_series(own)]
    if out is not None:
        command += ["--out", str(out)]
    return command


def _run(task: tuple[Path, Path | None],
         args: argparse.Namespace) -> tuple[subprocess.CompletedProcess, float]:
    experiment, own = task
    started = time.perf_counter()
    result = subprocess.run(_command(experiment, args, own), capture_output=True, text=True,
                            check=False)
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run every experiment's script; return 0 if all succeeded, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help="paper data directory, passed on")
    parser.add_argument("--out", metavar="DIR", help="root of the outputs (default: in place)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="scripts run at once (2)")
    parser.add_argument("--no-own-runs", action="store_true",
                        help="draw the paper's data only (skip <experiment>/runs/*.csv)")
    args = parser.parse_args(argv)
    started, failed, folders = time.perf_counter(), [], experiments()
    tasks = [(folder, None) for folder in folders]
    if not args.no_own_runs:
        tasks += [(folder, own) for folder in folders if (own := own_run(folder)) is not None]
    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        results = pool.map(lambda task: _run(task, args), tasks)
        for (experiment, own), (result, elapsed) in zip(tasks, results, strict=True):
            beside = f", beside seisless {own.name}" if own else ""
            print(f"# {experiment.name}{beside} ({elapsed:.1f} s)", flush=True)
            sys.stdout.write(result.stdout)
            if result.returncode != 0:
                failed.append(experiment.name + (" (with seisless)" if own else ""))
                sys.stderr.write(result.stderr)
    total = time.perf_counter() - started
    paper_failed = [name for name in failed if not name.endswith("(with seisless)")]
    own = len(tasks) - len(folders)
    print(f"# {len(folders) - len(paper_failed)} of {len(folders)} experiments done in "
          f"{total:.1f} s" + (f" ({own} also beside seisless's own runs)" if own else "")
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
