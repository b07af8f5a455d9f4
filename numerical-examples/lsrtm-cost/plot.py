"""LS-RTM case-study cost: EC2, Lambda, SQS, Step Functions and S3, paper versus seisless.

Reads the case's Lambda (invocations, mean duration) pairs (default: the paper's
``lsrtm_lambda_invocations.csv``), prices them with ``prices.csv`` as the paper did, models
seisless's reducer for the same 30 iterations × 80 gradients, and writes the itemised and the
per-service tables (CSV, Markdown, JSON) and one figure to ``output/``.

Run: ``.venv/bin/python numerical-examples/lsrtm-cost/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lsrtm_cost_model import (
    SCHEMA,
    Study,
    case_usage,
    cost_table,
    seconds_per_object,
    seisless_usage,
)
from lsrtm_figures import bar_totals, draw

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.raw import SOURCE, load_sources, split_sources
from common.style import apply_style
from common.tables import TableInfo, write_table

HERE = Path(__file__).resolve().parent
BEST = f"seisless, {const.SEISLESS_MESSAGES_PER_INVOCATION} msg/invocation"
WORST = "seisless, 1 msg/invocation"


def _notes(study: Study, per_object: float) -> list[str]:
    return [
        f"{study.iterations} iterations × {study.batch_size} gradients of"
        f" {const.LSRTM_CONTAINER_RUNTIME_S:g} s on m4.4xlarge;"
        f" {const.LSRTM_TOTAL_RUNTIME_MIN:g} min wall time; reducer Lambda at"
        f" {const.LSRTM_LAMBDA_MEMORY_MB} MB.",
        "Paper case: Lambda time per iteration = Σ invocations × mean duration /"
        f" {study.pairs_divisor:g}; SQS requests = Lambda invocations + gradients; S3 requests of"
        " the pairwise reduction tree.",
        f"seisless (model): ceil({study.batch_size}/m) invocations per chunk and iteration, no"
        f" re-queue; Lambda time = objects moved × {per_object:.2f} s, an upper bound: the case's"
        f" whole Lambda time divided by its {study.batch_size - 1} × {const.CASE_OBJECTS_PER_SUM}"
        " object transfers. EC2, Step Functions, storage and LIST are taken as in the case.",
    ]


def main(argv: list[str] | None = None) -> None:
    """Price the case study and seisless's reducer, and draw the cost bars."""
    parser = build_parser(__doc__.splitlines()[0], const.LSRTM_LAMBDA_CSV)
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.LSRTM_LAMBDA_CSV)
    sources = split_sources(load_sources(ctx.sources, SCHEMA))
    study = Study()
    first = next(iter(sources.values()))
    usage = {f"{label} case": case_usage(pairs, study) for label, pairs in sources.items()}
    usage[BEST] = seisless_usage(first, study, const.SEISLESS_MESSAGES_PER_INVOCATION)
    usage[WORST] = seisless_usage(first, study, 1)
    items = cost_table(usage, const.load_prices(ctx.data_dir))
    designs = list(usage)
    bars = bar_totals(items, designs)
    notes = _notes(study, seconds_per_object(first, study))
    meta = {"designs": designs, "calibrated_on": next(iter(sources)), SOURCE: list(sources),
            "seconds_per_object_upper_bound": seconds_per_object(first, study)}
    apply_style()
    print_written([
        *write_table(items, ctx.out_dir, TableInfo("lsrtm_cost_items",
                                                   "LS-RTM case study: usage and cost per item",
                                                   notes, meta)),
        *write_table(bars, ctx.out_dir, TableInfo("lsrtm_cost", "LS-RTM case study: cost per"
                                                  " service [USD]", notes, meta)),
        draw(bars, designs, ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
