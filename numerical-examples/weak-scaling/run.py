"""Weak scaling, run by seisless: one RTM gradient per batch size, several runs each.

For each batch size B (1, 2, 4 by default) and run r, runs ``specs/rtm-layered.json`` with B
shots (one gradient job per shot) through the local cloud with ``seisless run`` and writes one
row per gradient job in the weak-scaling schema (``instances`` = B): ``created_s`` (the jobs'
submission), ``started_s``/``stopped_s`` (the job process), ``image_modified_s`` (the last
accumulator write: the summed gradient is complete). The local cloud runs at most
``cores / compute.vcpus`` jobs at once, so batches larger than that queue on this machine.

Run: ``.venv/bin/python numerical-examples/weak-scaling/run.py [--batch-sizes 1 2 4] [--runs 2]``
Writes ``weak-scaling/runs/<timestamp>.csv``; draw it with ``plot.py --timings … --timings
seisless=<csv>`` or ``make_all_figures.py`` (the newest run is drawn beside the paper's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common.cli import run_main
from common.run_support import (
    RUNS_DIR,
    gradient_rows,
    layered_spec,
    run_seisless,
    timestamp,
    write_rows,
)

HERE = Path(__file__).resolve().parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 2, 4], metavar="B",
                        help="shots per gradient (default: 1 2 4)")
    parser.add_argument("--runs", type=int, default=2, help="runs per batch size (default: 2)")
    parser.add_argument("--shape", type=int, nargs=2, default=[101, 51], metavar=("NX", "NZ"),
                        help="grid points at 10 m (default: 101 51)")
    parser.add_argument("--recording-ms", type=int, default=700, help="recording time (700)")
    parser.add_argument("--work", type=Path, default=HERE / RUNS_DIR / "work",
                        help="work folder of the local cloud (default: runs/work)")
    parser.add_argument("--csv", type=Path, help="output (default: runs/<timestamp>.csv)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run every batch size and write the raw timings."""
    args = parse(argv)
    stamp = timestamp()
    rows = []
    for batch in args.batch_sizes:
        for run in range(args.runs):
            spec = layered_spec(batch, shape=args.shape, recording_ms=args.recording_ms)
            result = run_seisless(spec, f"weak-{stamp.lower()}-b{batch}-r{run}", args.work)
            jobs = gradient_rows(result)
            print(f"batch {batch} run {run}: {result.wall_s:.1f} s ({len(jobs)} jobs)",
                  file=sys.stderr, flush=True)
            rows += [{"experiment": "weak_scaling", "batchsize": batch, "instances": batch,
                      "threads_per_job": job["threads"], "run": run, **job,
                      "run_id": result.run_id} for job in jobs]
    print(write_rows(rows, args.csv or HERE / RUNS_DIR / f"{stamp}.csv"))


if __name__ == "__main__":
    sys.exit(run_main(main))
