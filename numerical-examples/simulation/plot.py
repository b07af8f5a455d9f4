"""Discrete-event simulation of the whole workflow at paper scale, seisless beside the paper.

Simulates the weak scaling (1…128 instances), the cost against a fixed cluster and the LS-RTM
case study (30 iterations × 80 shots) twice: replaying the paper's configuration (its measured
start-up and runtimes, its pairwise reducer) and as seisless (the kernel rate, accumulator update
and FIFO groups measured here, scaled to the BP model). Writes tables (CSV, Markdown, JSON) and
figures to ``output/`` and prints the replay errors and the case study's orchestration share.

Run: ``.venv/bin/python numerical-examples/simulation/plot.py [--data DIR] [--out DIR] [--runs N]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
for _folder in ("weak-scaling", "batch-vs-cluster-cost", "lsrtm-cost"):
    sys.path.insert(1, str(Path(__file__).resolve().parents[1] / _folder))

import pandas as pd  # noqa: E402
from cluster_model import cluster_sweep  # noqa: E402
from sim_cost import spot_per_hour  # noqa: E402
from sim_figures import draw_all  # noqa: E402
from sim_inputs import MEASURED_JSON, SCENARIO_JSON, PaperDistributions, load_inputs  # noqa: E402
from sim_tables import case_table, cluster_runtimes, paper_case_costs, weak_tables  # noqa: E402
from sim_workflow import Setting  # noqa: E402
from weak_scaling import drop_duplicate_files, per_run  # noqa: E402

from common import constants as const  # noqa: E402
from common.cli import build_parser, context_from_args, print_written, run_main  # noqa: E402
from common.style import apply_style  # noqa: E402
from common.tables import TableInfo, write_table  # noqa: E402

HERE = Path(__file__).resolve().parent


def _notes(s: Setting) -> list[str]:
    k, f = s.kernel, s.fifo
    return [
        f"seisless gradient job: {k.propagations['gradient']} wavefields × {k.points:,} points "
        f"× {k.time_steps:,} steps at {k.gpts:.3f} GPts/s on {s.scenario['instance']['type']} = "
        f"{k.kernel_s('gradient'):.1f} s kernel, {k.job_s('gradient'):.1f} s container.",
        f"seisless reducer: {f.chunks} FIFO groups of {f.chunk_mb:.3f} MB, up to {f.batch} "
        f"messages per invocation, {f.invocation_s(f.batch, f.batch):.3f} s per full invocation "
        f"(adds at {f.chunk_mb / 1e3 / f.add_s_per_message:.2f} GB/s, measured)"
        + ("." if f.window is None else f"; each shot sends the chunks of its {f.window[2]}-column "
           "window and each chunk waits for the shots whose windows touch it."),
        f"Paper reducer: pair sum {s.pair.pair_s:.2f} s (calibrated on batch size 2), "
        f"poll/re-queue every {s.pair.requeue_s:.1f} s.",
        "Start-up: a measured run of the nearest batch size (log scale), its jobs' delays shuffled "
        "or drawn; inputs: simulation/measured.json and simulation/scenario.json.",
    ]


def main(argv: list[str] | None = None) -> None:
    """Simulate, write the tables and draw the figures."""
    parser = build_parser(__doc__.splitlines()[0], const.WEAK_SCALING_CSV)
    parser.add_argument("--runs", type=int, help="simulated runs per batch size (scenario.json)")
    parser.add_argument("--seed", type=int, help="random seed (scenario.json)")
    parser.add_argument("--measured", type=Path, default=MEASURED_JSON, help="measured figures")
    parser.add_argument("--scenario", type=Path, default=SCENARIO_JSON, help="scenario")
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.WEAK_SCALING_CSV)
    measured, scenario = load_inputs(args.measured, args.scenario)
    runs = args.runs or scenario["replay"]["runs_per_size"]
    seed = scenario["replay"]["seed"] if args.seed is None else args.seed
    weak_csv = ctx.data_dir / const.WEAK_SCALING_CSV
    s = Setting.build(measured, scenario, PaperDistributions.from_csv(weak_csv))
    prices = const.load_aws_prices()
    paper_price = const.load_prices(ctx.data_dir).usd(const.WEAK_SCALING_SPOT_ITEM,
                                                      "instance-hour")
    own_price = spot_per_hour(prices, scenario["instance"]["type"])
    measured_runs = per_run(drop_duplicate_files(pd.read_csv(weak_csv)), paper_price)
    sim_runs, summary = weak_tables(s, measured_runs, runs, seed, (paper_price, own_price))
    paper_rt, own_rt = cluster_runtimes(s, pd.read_csv(ctx.data_dir / const.COST_COMPARISON_CSV))
    clusters = (cluster_sweep(paper_rt, len(paper_rt), paper_price),
                cluster_sweep(own_rt, len(own_rt), own_price))
    case = case_table(s, prices, seed)
    paper_costs = paper_case_costs(ctx.data_dir)
    case_paper = pd.DataFrame.from_records([{"source": "paper (measured, prices.csv)",
                                             "wall_min": const.LSRTM_TOTAL_RUNTIME_MIN,
                                             **{f"{k} USD": v for k, v in paper_costs.items()}}])
    meta = {"runs_per_size": runs, "seed": seed, "prices_date": prices["date"],
            "instance": scenario["instance"]["type"], "spot_usd_per_hour": own_price,
            "measured": measured, "kernel_gpts": s.kernel.gpts}
    notes = _notes(s)
    cluster = pd.concat([clusters[0].assign(source="paper"), clusters[1].assign(source="seisless")])
    apply_style()
    print_written([
        *write_table(sim_runs, ctx.out_dir, TableInfo("simulation_weak_scaling_runs",
                                                      "Simulated weak-scaling runs", notes, meta)),
        *write_table(summary, ctx.out_dir, TableInfo("simulation_weak_scaling_summary",
                                                     "Weak scaling: measured, replayed, seisless",
                                                     notes, meta)),
        *write_table(cluster, ctx.out_dir, TableInfo("simulation_cluster_cost",
                                                     "Fixed cluster against Batch", notes, meta)),
        *write_table(pd.concat([case, case_paper], ignore_index=True), ctx.out_dir,
                     TableInfo("simulation_lsrtm_case", "LS-RTM case study", notes, meta)),
        *draw_all(summary, clusters, case, paper_costs, ctx.out_dir),
    ])
    _print_findings(summary, case)


def _print_findings(summary: pd.DataFrame, case: pd.DataFrame) -> None:
    replay = summary[summary["source"] == "paper replay"]
    errors = ", ".join(f"{int(n)}: {e:+.1%}" for n, e in zip(replay["instances"],
                                                             replay["replay_error"], strict=True))
    print(f"# replay error of the paper's time-to-solution per batch size: {errors}",
          file=sys.stderr)
    for row in case[case["source"].str.startswith("seisless")].itertuples(index=False):
        share = row[case.columns.get_loc("orchestration / EC2 spot")]
        print(f"# {row.source} LS-RTM case study at "
              f"{row.spot_interruptions_per_hour} interruptions/h: "
              f"{row.wall_min:.0f} min, orchestration / EC2 spot = {share:.3%}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(run_main(main))
