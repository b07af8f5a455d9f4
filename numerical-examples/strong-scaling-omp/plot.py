"""OpenMP strong scaling: Devito kernel runtime and parallel efficiency versus threads.

Reads an OpenMP raw-timings CSV (default: the paper's ``strong_scaling_omp.csv``) and writes the
per-run and summary tables (CSV, Markdown, JSON) and two figures to ``output/``.

Run: ``.venv/bin/python numerical-examples/strong-scaling-omp/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from omp_figures import draw_all
from omp_scaling import SCHEMA, kernel_runtime, summary

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.errors import DataError
from common.raw import SOURCE, load_sources, per_source
from common.scaling import select_series
from common.stats import ci_suffix
from common.style import apply_style
from common.tables import TableInfo, mean_pm, write_table

HERE = Path(__file__).resolve().parent
NOTES = [
    "kernel_s = sum of the kernel_fwd_section<k>_s and kernel_adj_section<k>_s columns of a run.",
    f"Per series and thread count n: mean, sample std and {const.CI_LEVEL:.0%} Student-t confidence"
    " half-width over runs; speedup = T1/Tn and efficiency = T1/(n·Tn) with T1 the series' mean"
    " at n = 1.",
    "batch_default has hyper-threading on (r5.24xlarge, 96 vCPUs): n threads may share cores.",
]


def main(argv: list[str] | None = None) -> None:
    """Compute the OpenMP tables and draw the figures."""
    parser = build_parser(__doc__.splitlines()[0], const.STRONG_SCALING_OMP_CSV)
    parser.add_argument("--series", nargs="+", metavar="NAME",
                        help="series to draw (default: " + ", ".join(const.OMP_SERIES) + ")")
    parser.add_argument("--max-threads", type=int, default=const.OMP_MAX_THREADS, metavar="N",
                        help=f"largest thread count drawn (default {const.OMP_MAX_THREADS})")
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.STRONG_SCALING_OMP_CSV)
    raw = load_sources(ctx.sources, SCHEMA)
    runs = per_source(raw, kernel_runtime)
    series = select_series(list(runs["series"].unique()), list(const.OMP_SERIES), args.series)
    if not series:
        raise DataError("--series", " ".join(args.series or []), "series present in the file")
    table = per_source(runs, lambda rows: summary(rows, series, max_threads=args.max_threads,
                                                  level=const.CI_LEVEL))
    display = mean_pm(table, [SOURCE, "series", "threads", "runs"],
                      {"kernel_s": "kernel runtime [s]"}, ci_suffix(const.CI_LEVEL))
    display[["speedup", "efficiency"]] = table[["speedup", "efficiency"]]
    meta = {"series": series, "max_threads": args.max_threads, "ci_level": const.CI_LEVEL}
    apply_style()
    print_written([
        *write_table(runs, ctx.out_dir, TableInfo("strong_scaling_omp_runs",
                                                  "OpenMP kernel runtime per run", NOTES[:1])),
        *write_table(table, ctx.out_dir, TableInfo("strong_scaling_omp_summary",
                                                   "OpenMP strong scaling", NOTES, meta), display),
        *draw_all(table, dict(const.OMP_SERIES), ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
