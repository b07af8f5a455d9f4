"""MPI strong scaling: kernel runtime, efficiency, runtime breakdown and cost per gradient.

Reads an MPI raw-timings CSV (default: the paper's ``strong_scaling_mpi.csv``) and writes the
per-run and summary tables (CSV, Markdown, JSON) and four figures to ``output/``.

Run: ``.venv/bin/python numerical-examples/strong-scaling-mpi/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mpi_figures import draw_all
from mpi_scaling import SCHEMA, per_run, summary

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.errors import DataError
from common.raw import SOURCE, load_sources, per_source
from common.scaling import select_series
from common.stats import ci_suffix
from common.style import apply_style
from common.tables import TableInfo, mean_pm, write_table

HERE = Path(__file__).resolve().parent
HEADINGS = {"kernel_s": "kernel [s]", "script_s": "script [s]", "container_s": "container [s]",
            "job_s": "job [s]", "cost_on_demand_usd": "on-demand [USD]",
            "cost_spot_usd": "spot [USD]"}
NOTES = [
    "container_s = stopped_s − started_s and job_s = stopped_s − created_s (Batch series only).",
    "cost = nodes × container time × on-demand price per instance-hour; spot only for 1 node"
    " (multi-node Batch jobs could not use Spot).",
    f"Mean ± {const.CI_LEVEL:.0%} Student-t confidence half-width over runs; efficiency = T1/(n·Tn)"
    " of the kernel runtime, T1 the series' mean at one node. Values > 1 are not clipped (the"
    " paper's script clipped c5n.18xlarge to 1).",
]


def _prices(data_dir: Path) -> dict[str, tuple[float, float]]:
    prices = const.load_prices(data_dir)
    return {series: (prices.usd(on_demand, "instance-hour"), prices.usd(spot, "instance-hour"))
            for series, (on_demand, spot) in const.MPI_PRICE_ITEMS.items()}


def _runs(raw, chosen):
    if chosen is not None:
        raw = raw[raw["run"].isin(chosen)]
        if raw.empty:
            raise DataError("--runs", " ".join(map(str, chosen)), "run labels present in the file")
    return raw


def main(argv: list[str] | None = None) -> None:
    """Compute the MPI tables and draw the figures."""
    parser = build_parser(__doc__.splitlines()[0], const.STRONG_SCALING_MPI_CSV)
    parser.add_argument("--series", nargs="+", metavar="NAME",
                        help="series to draw (default: " + ", ".join(const.MPI_SERIES) + ")")
    parser.add_argument("--runs", nargs="+", type=int, metavar="K",
                        help="only these run labels (the paper used 0 1 2 of the 10 bare-metal"
                             " runs)")
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.STRONG_SCALING_MPI_CSV)
    raw = _runs(load_sources(ctx.sources, SCHEMA), args.runs)
    prices = _prices(ctx.data_dir)
    runs = per_source(raw, lambda rows: per_run(rows, prices))
    series = select_series(list(runs["series"].unique()), list(const.MPI_SERIES), args.series)
    if not series:
        raise DataError("--series", " ".join(args.series or []), "series present in the file")
    table = per_source(runs, lambda rows: summary(rows, series, const.CI_LEVEL))
    display = mean_pm(table, [SOURCE, "series", "nodes", "runs"], HEADINGS,
                      ci_suffix(const.CI_LEVEL))
    display["efficiency"] = table["efficiency"]
    meta = {"series": series, "runs": args.runs, "ci_level": const.CI_LEVEL,
            "prices_usd_per_instance_hour": {s: list(p) for s, p in prices.items()}}
    apply_style()
    print_written([
        *write_table(runs, ctx.out_dir,
                     TableInfo("strong_scaling_mpi_runs", "MPI runs", NOTES[:2])),
        *write_table(table, ctx.out_dir, TableInfo("strong_scaling_mpi_summary",
                                                   "MPI strong scaling", NOTES, meta), display),
        *draw_all(table, dict(const.MPI_SERIES), ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
