"""Batch versus a fixed cluster, from seisless's own job runtimes.

Takes the gradient jobs of one iteration of a seisless run: by default it runs one gradient of
``--shots`` shots (``specs/rtm-layered.json``) through the local cloud; with ``--run-id`` (and
``--data-dir``, the local cloud's data folder, default ``<repo>/.seisless``) it reads a run made
before, e.g. ``npm run demo``'s. Writes one row per gradient job in the cost-comparison schema:
``job_index`` (the order the jobs started in: the order a cluster would be handed them),
``started_s``, ``stopped_s`` (the job process), plus ``shot`` and, when the run's report has a
cost ledger, the job's priced ``usd`` (its last attempt). ``plot.py`` then prices a fixed
cluster of 1 … N nodes against one instance per job.

Run: ``.venv/bin/python numerical-examples/batch-vs-cluster-cost/run.py [--shots 8]``
or ``… run.py --run-id <runId> [--iteration 1] [--data-dir .seisless]``.
Writes ``batch-vs-cluster-cost/runs/<timestamp>.csv``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common.cli import run_main
from common.paths import REPO_ROOT
from common.run_support import (
    RUNS_DIR,
    RunResult,
    job_timings,
    layered_spec,
    run_seisless,
    timestamp,
    write_rows,
)

HERE = Path(__file__).resolve().parent


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", type=int, default=8, help="shots of the new run (default: 8)")
    parser.add_argument("--run-id", help="read this run's jobs instead of running one")
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / ".seisless",
                        help="the local cloud's data folder of --run-id (default: .seisless)")
    parser.add_argument("--iteration", type=int, default=1, help="iteration (default: 1)")
    parser.add_argument("--work", type=Path, default=HERE / RUNS_DIR / "work",
                        help="work folder of a new run (default: runs/work)")
    parser.add_argument("--csv", type=Path, help="output (default: runs/<timestamp>.csv)")
    return parser.parse_args(argv)


def _ledger_usd(run: RunResult, iteration: int) -> dict[int, float]:
    """Return the priced last attempt of each gradient job of the iteration, by shot."""
    path = run.data_dir / "reports" / run.run_id / "report.json"
    if not path.is_file():
        return {}
    attempts = json.loads(path.read_text()).get("cost_ledger", {}).get("attempts") or []
    return {a["shot"]: a["usd"] for a in attempts
            if a.get("task") == "gradient" and a.get("iteration") == iteration
            and a.get("shot") is not None and not a.get("failed")}


def main(argv: list[str] | None = None) -> None:
    """Collect one iteration's job runtimes and write them in the schema."""
    args = parse(argv)
    stamp = timestamp()
    if args.run_id:
        run = RunResult(args.run_id, "SUCCEEDED", {}, args.data_dir.resolve(), 0.0)
    else:
        run = run_seisless(layered_spec(args.shots), f"cost-{stamp.lower()}", args.work)
    jobs = sorted(job_timings(run, args.iteration), key=lambda t: t["started_at"])
    usd = _ledger_usd(run, args.iteration)
    rows = [{"experiment": "cost_comparison", "batchsize": len(jobs), "job_index": index,
             "shot": t["shot"], "threads_per_job": t.get("threads"), "created_s": None,
             "started_s": t["started_at"], "stopped_s": t["finished_at"],
             "usd": usd.get(t["shot"]), "run_id": run.run_id}
            for index, t in enumerate(jobs)]
    print(write_rows(rows, args.csv or HERE / RUNS_DIR / f"{stamp}.csv"))


if __name__ == "__main__":
    sys.exit(run_main(main))
