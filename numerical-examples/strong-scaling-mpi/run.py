"""MPI strong scaling, run by seisless: one shot's gradient job on 1 and 2 ranks.

Runs the gradient job of one 2D FWI shot (``python -m seisless_compute gradient``, the Batch
job's own code, against a moto S3/SQS server; ``common.run_support.run_shot_jobs``) as the
local cloud runs a multi-node job: under ``mpirun -n <ranks>`` (Devito's domain decomposition),
``--threads`` OpenMP threads per rank, ``--runs`` times each, the operator cache warm. Writes
one row per run in the MPI schema: ``series`` (``seisless_local``), ``nodes`` (= ranks; this
machine's ranks share one host), ``run``, ``kernel_s`` (the summed Devito sections of rank 0),
``script_s`` (the job's own clock), ``created_s``/``started_s``/``stopped_s`` (the job process).

Run: ``.venv/bin/python numerical-examples/strong-scaling-mpi/run.py [--ranks 1 2] [--runs 3]``
Writes ``strong-scaling-mpi/runs/<timestamp>.csv``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common.cli import run_main
from common.run_support import RUNS_DIR, ShotJob, run_shot_jobs, timestamp, write_rows

HERE = Path(__file__).resolve().parent
SERIES = "seisless_local"


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ranks", type=int, nargs="+", default=[1, 2], metavar="N",
                        help="MPI ranks (default: 1 2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per rank (default: 1)")
    parser.add_argument("--runs", type=int, default=3, help="runs per rank count (default: 3)")
    parser.add_argument("--shape", type=int, nargs=2, default=[301, 151], metavar=("NX", "NZ"),
                        help="grid points at 10 m (default: 301 151)")
    parser.add_argument("--recording-ms", type=float, default=1000.0,
                        help="recording time (default: 1000)")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="skip the untimed first run of each configuration (a quick check)")
    parser.add_argument("--csv", type=Path, help="output (default: runs/<timestamp>.csv)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the shot on every rank count and write the raw timings."""
    args = parse(argv)
    stamp = timestamp()
    jobs = run_shot_jobs(ShotJob(tuple(args.shape), args.recording_ms),
                         [(args.threads, n) for n in args.ranks], args.runs,
                         warm_up=not args.no_warm_up)
    rows = [{"experiment": "strong_scaling_mpi", "series": SERIES, "launch": "local",
             "instance_type": "local", "nodes": job["ranks"], "cores_per_node": job["threads"],
             "run": job["run"], "created_s": job["started_at"], "started_s": job["started_at"],
             "stopped_s": job["finished_at"], "kernel_s": job["kernel_s"],
             "devito_s": job["phases"].get("compute"), "script_s": job["total_s"],
             "wall_s": job["wall_s"]} for job in jobs]
    for row in rows:
        print(f"ranks {row['nodes']} run {row['run']}: kernel {row['kernel_s']:.2f} s",
              file=sys.stderr)
    print(write_rows(rows, args.csv or HERE / RUNS_DIR / f"{stamp}.csv"))


if __name__ == "__main__":
    sys.exit(run_main(main))
