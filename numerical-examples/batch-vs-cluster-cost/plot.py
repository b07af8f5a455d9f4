"""Cost of AWS Batch versus a fixed cluster (paper Fig. 11a/b/c) for one gradient's jobs.

Reads a cost-comparison raw-timings CSV (default: the paper's ``cost_comparison.csv``) and writes
the sorted runtimes and the cluster sweep (CSV, Markdown, JSON) and three figures to ``output/``.

Run: ``.venv/bin/python numerical-examples/batch-vs-cluster-cost/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cluster_figures import draw_all
from cluster_model import SCHEMA, cluster_sweep, job_runtimes, sorted_runtimes

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.raw import load_sources, per_source
from common.style import apply_style
from common.tables import TableInfo, write_table

HERE = Path(__file__).resolve().parent


def _notes(price: float) -> list[str]:
    return [
        "Runtime of a job = stopped_s − started_s; jobs in job_index order.",
        "Fixed cluster of N nodes: each job, in order, goes to the node with the least assigned"
        " work (lowest index on ties); time-to-solution = the largest node load; idle = Σ nodes"
        " (time-to-solution − load); cost = N × time-to-solution × price.",
        f"AWS Batch: no idle time; cost = Σ runtimes × price; price = {price} USD per"
        " instance-hour (Spot).",
    ]


def main(argv: list[str] | None = None) -> None:
    """Compute the cluster sweep and draw Fig. 11."""
    parser = build_parser(__doc__.splitlines()[0], const.COST_COMPARISON_CSV)
    parser.add_argument("--price", type=float, metavar="USD",
                        help=f"price per instance-hour (default: prices.csv "
                             f"'{const.CLUSTER_COST_SPOT_ITEM}')")
    parser.add_argument("--max-nodes", type=int, metavar="N",
                        help="largest cluster (default: the number of jobs)")
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.COST_COMPARISON_CSV)
    raw = load_sources(ctx.sources, SCHEMA)
    price = args.price
    if price is None:
        price = const.load_prices(ctx.data_dir).usd(const.CLUSTER_COST_SPOT_ITEM, "instance-hour")
    jobs = per_source(raw, sorted_runtimes)
    sweep = per_source(raw, lambda rows: cluster_sweep(
        job_runtimes(rows), args.max_nodes or len(rows), price))
    notes, meta = _notes(price), {"price_usd_per_instance_hour": price}
    apply_style()
    print_written([
        *write_table(jobs, ctx.out_dir, TableInfo("figure_11a_sorted_runtimes",
                                                  "Sorted job runtimes (Fig. 11a)", notes[:1])),
        *write_table(sweep, ctx.out_dir, TableInfo("figure_11bc_cluster_vs_batch",
                                                   "Fixed cluster versus AWS Batch (Fig. 11b/c)",
                                                   notes, meta)),
        *draw_all(jobs, sweep, ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
