"""OpenMP strong scaling, run by seisless: one shot's gradient job with 1 … cores threads.

Runs the gradient job of one 2D FWI shot (``python -m seisless_compute gradient``, the Batch
job's own code, against a moto S3/SQS server; ``common.run_support.run_shot_jobs``) with
``SEISLESS_VCPUS`` = 1, 2, … threads, ``--runs`` times each, the operator cache warm (one
untimed run first). Writes one row per run in the OpenMP schema: ``series`` (``seisless_local``),
``threads``, ``run`` and the job's Devito section times, ``kernel_fwd_section<k>_s`` (forward)
and ``kernel_adj_section<k>_s`` (gradient), with ``created_s``/``started_s``/``stopped_s`` (the
job process) and ``kernel_s``/``script_s``.

Run: ``.venv/bin/python numerical-examples/strong-scaling-omp/run.py [--threads 1 2] [--runs 3]``
Writes ``strong-scaling-omp/runs/<timestamp>.csv``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common.cli import run_main
from common.run_support import (
    RUNS_DIR,
    ShotJob,
    run_shot_jobs,
    section_columns,
    timestamp,
    write_rows,
)

HERE = Path(__file__).resolve().parent
SERIES = "seisless_local"


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options."""
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, nargs="+", default=list(range(1, cores + 1)),
                        metavar="N", help=f"thread counts (default: 1 … {cores}, this machine)")
    parser.add_argument("--runs", type=int, default=3, help="runs per thread count (default: 3)")
    parser.add_argument("--shape", type=int, nargs=2, default=[301, 151], metavar=("NX", "NZ"),
                        help="grid points at 10 m (default: 301 151)")
    parser.add_argument("--recording-ms", type=float, default=1000.0,
                        help="recording time (default: 1000)")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="skip the untimed first run of each configuration (a quick check)")
    parser.add_argument("--csv", type=Path, help="output (default: runs/<timestamp>.csv)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the shot at every thread count and write the raw timings."""
    args = parse(argv)
    stamp = timestamp()
    jobs = run_shot_jobs(ShotJob(tuple(args.shape), args.recording_ms),
                         [(n, 1) for n in args.threads], args.runs,
                         warm_up=not args.no_warm_up)
    rows = [{"experiment": "strong_scaling_omp", "series": SERIES, "launch": "local",
             "instance_type": "local", "threads": job["threads"], "run": job["run"],
             "created_s": job["started_at"], "started_s": job["started_at"],
             "stopped_s": job["finished_at"], "kernel_s": job["kernel_s"],
             "script_s": job["total_s"], "wall_s": job["wall_s"],
             **section_columns(job["sections"])} for job in jobs]
    for row in rows:
        print(f"threads {row['threads']} run {row['run']}: kernel {row['kernel_s']:.2f} s",
              file=sys.stderr)
    print(write_rows(rows, args.csv or HERE / RUNS_DIR / f"{stamp}.csv"))


if __name__ == "__main__":
    sys.exit(run_main(main))
