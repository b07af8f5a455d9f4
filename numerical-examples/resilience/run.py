"""Resilience, run by seisless: one gradient under Batch kills, with retries and without.

For each kill rate p (0, 0.25, 0.5 by default) runs ``specs/rtm-layered.json`` with ``--shots``
shots through the local cloud with the fault injection ``{"batchKillRate": p}`` (every Batch job
attempt is killed like a spot interruption with probability p, at a uniform time within
``--kill-window-ms`` of its start; scripts/local-cloud/faults.ts), in two modes:

- ``restart``: ``compute.retries`` 10, the most a spec allows (Batch runs a killed job again:
  the paper's restart; at p = 0.5 a job still fails for good with probability 0.5^10);
- ``no-restart``: ``compute.retries`` 1 and ``reduction.failureTolerance`` 0.5 (a killed
  gradient job's shot is dropped and the gradient rescaled; more than half dropped ends the
  run, which the row records as ``FAILED``).

A set-up run (no kills) models the observed data first; every measured run, p = 0 included,
reads its model, background and observed data (``model.key``, ``background.key``,
``observed.keyTemplate``), so that only the gradient's jobs run, under the kills (seisless
tolerates failures of gradient jobs only: a model or observe job that fails for good ends a
run), and the failure-free time compares like with like.

Writes two files:

- ``resilience/runs/<timestamp>.csv``: the resilience schema (``case`` = ``seisless_local``,
  ``job_index``, ``started_s``, ``stopped_s``) of the failure-free gradient (p = 0): what
  ``plot.py`` feeds to the paper's failure model;
- ``resilience/runs/measured/<timestamp>.csv``: one row per run: mode, kill rate, status,
  time-to-solution of the gradient (submission → last accumulator write), the measured
  resilience factor (failure-free time / this time), Batch kills injected, failed attempts,
  dropped shots, and the paper's model's factor for the same fraction from the failure-free
  runtimes (``resilience_model.py``, mean of ``--repeats`` seeded draws).

Run: ``.venv/bin/python numerical-examples/resilience/run.py [--kill-rates 0 0.25 0.5] [--shots 4]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from resilience_sweep import SweepOptions, sweep

from common import constants as const
from common.cli import run_main
from common.errors import FiguresError
from common.run_support import (
    RUNS_DIR,
    RunResult,
    gradient_rows,
    iteration_summary,
    layered_spec,
    run_seisless,
    timestamp,
    write_rows,
)

HERE = Path(__file__).resolve().parent
CASE = "seisless_local"
MODES = {"restart": ({"retries": 10}, {}),
         "no-restart": ({"retries": 1}, {"failureTolerance": 0.5})}


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kill-rates", type=float, nargs="+", default=[0.0, 0.25, 0.5],
                        metavar="P", help="Batch kill rates in [0, 0.5] (default: 0 0.25 0.5)")
    parser.add_argument("--shots", type=int, default=4, help="shots = gradient jobs (default: 4)")
    parser.add_argument("--runs", type=int, default=1, help="runs per rate and mode (default: 1)")
    parser.add_argument("--kill-window-ms", type=float, default=2000.0,
                        help="a killed attempt dies within this many ms of starting (2000; an "
                             "attempt that ends first is not killed)")
    parser.add_argument("--penalty", type=float, default=1.0, metavar="S",
                        help="restart penalty of the model: the local Batch's re-queue (1 s)")
    parser.add_argument("--repeats", type=int, default=const.RESILIENCE_REPEATS,
                        help=f"model draws per fraction ({const.RESILIENCE_REPEATS})")
    parser.add_argument("--work", type=Path, default=HERE / RUNS_DIR / "work",
                        help="work folder of the local cloud (default: runs/work)")
    return parser.parse_args(argv)


def _spec(args, mode: str, base: RunResult | None) -> dict:
    compute, reduction = MODES.get(mode, MODES["restart"])
    spec = layered_spec(args.shots, extra_compute=compute, reduction=reduction)
    if base is not None:
        inputs = f"runs/{base.run_id}"
        spec["model"] = {"key": f"{inputs}/inputs/model.npy", "shape": spec["model"]["shape"],
                         "spacing": spec["model"]["spacing"]}
        spec["background"] = {"key": f"{inputs}/inputs/background.npy"}
        spec["observed"] = {"keyTemplate": f"{inputs}/data/shot-{{shot}}.npy"}
    return spec


def _measure(args, stamp: str, case: tuple[str, float, int],
             base: RunResult | None) -> tuple[dict, RunResult]:
    mode, rate, run = case
    spec = _spec(args, mode, base)
    seed = 1 + 1000 * run + 10 * round(100 * rate) + (mode == "no-restart")
    faults = {"batchKillRate": rate, "batchKillWindowMs": args.kill_window_ms, "seed": seed}
    run_id = f"res-{stamp.lower()}-{mode}-{int(rate * 100)}-r{run}"
    result = run_seisless(spec, run_id, args.work, faults=faults if rate > 0 else None,
                          check=False)
    row = {"mode": mode, "kill_rate": rate, "kill_window_ms": args.kill_window_ms, "seed": seed,
           "run": run, "run_id": run_id,
           "status": result.status, "wall_s": result.wall_s,
           "batch_kills": (result.result.get("injectedFaults") or {}).get("batchKills", 0)}
    if result.status == "SUCCEEDED":
        summary = iteration_summary(result)
        t = summary["timings"]
        row |= {"time_to_solution_s": (t["reductionCompleteAt"] - t["submittedAt"]) / 1000,
                "dropped_shots": len(summary["shots"]) - len(summary["usedShots"])}
    print(f"{mode} p={rate}: {row['status']}, {row.get('time_to_solution_s', float('nan')):.1f} s,"
          f" kills {row['batch_kills']}", file=sys.stderr, flush=True)
    return row, result


def main(argv: list[str] | None = None) -> None:
    """Run every kill rate in both modes and write the two files."""
    args = parse(argv)
    stamp, measured = timestamp(), []
    setup, base = _measure(args, stamp, ("setup", 0.0, 0), None)
    if setup["status"] != "SUCCEEDED":
        raise FiguresError(f"run {base.run_id}", setup["status"],
                           "a run that models the observed data for the measured runs")
    baseline_rows = None
    for run in range(args.runs):
        for rate in sorted(set(args.kill_rates) | {0.0}):
            for mode in MODES if rate > 0 else ["restart"]:
                row, result = _measure(args, stamp, (mode, rate, run), base)
                if rate == 0 and row["status"] == "SUCCEEDED" and baseline_rows is None:
                    baseline_rows = gradient_rows(result)
                measured.append(row)
    if baseline_rows is None:
        raise FiguresError("resilience run.py", "no failure-free run succeeded",
                           "a run at kill rate 0 to compare with")
    failure_free = [r["time_to_solution_s"] for r in measured
            if r["kill_rate"] == 0 and "time_to_solution_s" in r]
    runtimes = np.array([r["stopped_s"] - r["started_s"] for r in baseline_rows])
    options = SweepOptions(fractions=sorted({r["kill_rate"] for r in measured}),
                           repeats=args.repeats, seed=const.RESILIENCE_SEED,
                           penalty_s=args.penalty)
    model = sweep(runtimes, options).groupby("failure_pct").mean()
    for row in measured:
        if failure_free and "time_to_solution_s" in row:
            row["resilience_factor"] = float(np.mean(failure_free)) / row["time_to_solution_s"]
        column = "factor_restart" if row["mode"] == "restart" else "factor_no_restart"
        row["model_factor"] = float(model.loc[100 * row["kill_rate"], column])
    print(write_rows([{"experiment": "resilience", "case": CASE, "batchsize": args.shots, **r}
                      for r in baseline_rows], HERE / RUNS_DIR / f"{stamp}.csv"))
    print(write_rows(measured, HERE / RUNS_DIR / "measured" / f"{stamp}.csv"))


if __name__ == "__main__":
    sys.exit(run_main(main))
