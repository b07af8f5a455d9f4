"""Regenerate every figure and table of ``numerical-examples/`` (``npm run figures``).

Runs each ``<experiment>/plot.py`` in its own Python process (two at a time by default), prints
every file written and the total wall time. ``--data`` is passed on to every script; ``--out``
puts each experiment's files in ``<out>/<experiment>/``.

Run: ``.venv/bin/python numerical-examples/make_all_figures.py [--data DIR] [--out DIR] [-j N]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def experiments() -> list[Path]:
    """Return the experiment folders (those with a ``plot.py``), sorted by name."""
    return sorted(p.parent for p in HERE.glob("*/plot.py"))


def _command(experiment: Path, args: argparse.Namespace) -> list[str]:
    command = [sys.executable, str(experiment / "plot.py")]
    if args.data:
        command += ["--data", args.data]
    if args.out:
        command += ["--out", str(Path(args.out) / experiment.name)]
    return command


def _run(experiment: Path, args: argparse.Namespace) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run(_command(experiment, args), capture_output=True, text=True,
                            check=False)
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run every experiment's script; return 0 if all succeeded, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", metavar="DIR", help="paper data directory, passed on")
    parser.add_argument("--out", metavar="DIR", help="root of the outputs (default: in place)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="scripts run at once (2)")
    args = parser.parse_args(argv)
    started, failed, folders = time.perf_counter(), [], experiments()
    with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
        results = pool.map(lambda e: _run(e, args), folders)
        for experiment, (result, elapsed) in zip(folders, results, strict=True):
            print(f"# {experiment.name} ({elapsed:.1f} s)", flush=True)
            sys.stdout.write(result.stdout)
            if result.returncode != 0:
                failed.append(experiment.name)
                sys.stderr.write(result.stderr)
    total = time.perf_counter() - started
    print(f"# {len(folders) - len(failed)} of {len(folders)} experiments done in "
          f"{total:.1f} s" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
