"""Weak scaling: time-to-solution and its parts, and cost, per number of instances.

Reads a weak-scaling raw-timings CSV (default: the paper's ``weak_scaling.csv``) and writes the
per-run and summary tables (CSV, Markdown, JSON) and four figures to ``output/``.

Run: ``.venv/bin/python numerical-examples/weak-scaling/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from weak_scaling import METRICS, SCHEMA, drop_duplicate_files, per_run, summary
from weak_scaling_figures import draw_all

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.errors import DataError
from common.raw import load_sources, per_source
from common.stats import ci_suffix
from common.style import apply_style
from common.tables import TableInfo, mean_pm, write_table

HERE = Path(__file__).resolve().parent
HEADINGS = {"time_to_solution_s": "time-to-solution [s]", "container_s": "container [s]",
            "reduction_s": "reduction [s]", "startup_s": "start-up [s]",
            "cost_usd": "cost per instance [USD]"}


def _price(args, data_dir: Path, raw) -> float:
    if args.price is not None:
        return args.price
    if "instance_type" in raw.columns:
        types = set(raw["instance_type"].dropna().astype(str))
        found = sorted(types - {const.WEAK_SCALING_INSTANCE})
        if found:
            raise DataError("weak-scaling instance_type", ", ".join(found),
                            f"{const.WEAK_SCALING_INSTANCE} (or give --price for another type)")
    return const.load_prices(data_dir).usd(const.WEAK_SCALING_SPOT_ITEM, "instance-hour")


def _notes(price: float, keep_duplicates: bool) -> list[str]:
    return [
        "Per run: time-to-solution = mean over jobs of (image_modified_s − created_s); container ="
        " mean of (stopped_s − started_s); reduction = max(0, min over jobs of (image_modified_s −"
        " stopped_s)); start-up = time-to-solution − container − reduction; cost_usd = Σ container"
        f" / instances × {price} USD per instance-hour / 3600.",
        f"Over runs: mean, sample std and {const.CI_LEVEL:.0%} Student-t confidence half-width"
        f" ({ci_suffix(const.CI_LEVEL)[1:]}).",
        "Duplicate files (duplicate_of set) are "
        + ("kept, as in the paper." if keep_duplicates
           else "dropped (--keep-duplicates keeps them)."),
    ]


def main(argv: list[str] | None = None) -> None:
    """Compute the weak-scaling tables and draw the figures."""
    parser = build_parser(__doc__.splitlines()[0], const.WEAK_SCALING_CSV)
    parser.add_argument("--price", type=float, metavar="USD",
                        help=f"spot price per instance-hour (default: prices.csv "
                             f"'{const.WEAK_SCALING_SPOT_ITEM}')")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="keep files marked in duplicate_of (the paper averaged them in)")
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.WEAK_SCALING_CSV)
    raw = load_sources(ctx.sources, SCHEMA)
    price = _price(args, ctx.data_dir, raw)
    if not args.keep_duplicates:
        raw = drop_duplicate_files(raw)
    runs = per_source(raw, lambda rows: per_run(rows, price))
    table = per_source(runs, lambda rows: summary(rows, const.CI_LEVEL))
    meta = {"price_usd_per_instance_hour": price, "ci_level": const.CI_LEVEL,
            "keep_duplicates": args.keep_duplicates, "metrics": list(METRICS)}
    notes = _notes(price, args.keep_duplicates)
    apply_style()
    print_written([
        *write_table(runs, ctx.out_dir, TableInfo("weak_scaling_runs", "Weak scaling per run",
                                                  notes, meta)),
        *write_table(table, ctx.out_dir, TableInfo("weak_scaling_summary",
                                                   "Weak scaling over runs", notes, meta),
                     display=mean_pm(table, ["source", "instances", "runs"], HEADINGS,
                                     ci_suffix(const.CI_LEVEL))),
        *draw_all(table, ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
