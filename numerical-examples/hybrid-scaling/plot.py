"""Hybrid OpenMP/MPI: table of mean ± std runtimes of the four configurations (and a bar chart).

Reads a hybrid raw-timings CSV (default: the paper's ``hybrid_scaling.csv``) and writes the
per-run and summary tables (CSV, Markdown, JSON) and one figure to ``output/``.

Run: ``.venv/bin/python numerical-examples/hybrid-scaling/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from hybrid_table import METRICS, SCHEMA, per_run, summary

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.raw import SOURCE, load_sources, per_source, split_sources
from common.style import COLORS, apply_style, panels, save_figure, set_category_ticks
from common.tables import TableInfo, mean_pm, write_table

HERE = Path(__file__).resolve().parent
HEADINGS = {"kernel_s": "kernel [s]", "devito_s": "Devito [s]", "script_s": "script [s]",
            "container_s": "container [s]"}
LEGEND = {"kernel_s": "Devito kernel", "devito_s": "Devito (build + run)",
          "script_s": "Python script", "container_s": "Container"}
NOTES = [
    "Mean ± sample standard deviation (ddof = 1) over runs; the paper's script used ddof = 0.",
    "kernel_s = Devito section times; devito_s = operator build + runs; script_s = the whole"
    " driver; container = stopped_s − started_s.",
    "The paper's table labels script_s as 'Devito kernel runtime' (README quirk 4).",
]


def _tick(row) -> str:
    domain = next((d for d in ("half", "full") if d in row.case), "")
    return f"{row.mpi_ranks} × {row.omp_threads_per_rank}\n{domain}".strip()


def _draw(table: pd.DataFrame, out_dir: Path) -> Path:
    tables = split_sources(table)
    fig, axes = panels(list(tables), (6.4, 3.8))
    width = 0.2
    for ax, rows in zip(axes, tables.values(), strict=True):
        for k, metric in enumerate(METRICS):
            ax.bar([i + (k - 1.5) * width for i in range(len(rows))], rows[f"{metric}_mean"],
                   width=width, yerr=rows[f"{metric}_std"], color=COLORS[k], ecolor="black",
                   error_kw={"elinewidth": 0.8}, label=LEGEND[metric])
        set_category_ticks(ax, [_tick(row) for row in rows.itertuples()])
        ax.set_xlabel("MPI ranks × OpenMP threads, domain (half or full)")
        ax.set_ylabel("Runtime [s] (mean ± std)")
        ax.legend(loc="upper left", ncols=2)
        ax.set_ymargin(0.25)
    return save_figure(fig, out_dir, "hybrid_scaling_runtimes")


def main(argv: list[str] | None = None) -> None:
    """Compute the hybrid table and draw its bar chart."""
    parser = build_parser(__doc__.splitlines()[0], const.HYBRID_SCALING_CSV)
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.HYBRID_SCALING_CSV)
    raw = load_sources(ctx.sources, SCHEMA)
    runs = per_source(raw, per_run)
    table = per_source(runs, lambda rows: summary(rows, list(const.HYBRID_CASES), const.CI_LEVEL))
    keys = [SOURCE, "case", "mpi_ranks", "omp_threads_per_rank", "total_cores", "runs"]
    display = mean_pm(table, keys, HEADINGS, "_std")
    display.insert(2, "configuration", display["case"].map(const.HYBRID_CASES))
    apply_style()
    print_written([
        *write_table(runs, ctx.out_dir,
                     TableInfo("hybrid_scaling_runs", "Hybrid runs", NOTES[1:2])),
        *write_table(table, ctx.out_dir, TableInfo("hybrid_scaling_table",
                                                   "Hybrid OpenMP/MPI on one r5.24xlarge", NOTES,
                                                   {"ci_level": const.CI_LEVEL}), display),
        _draw(table, ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
