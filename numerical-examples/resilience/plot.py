"""Resilience to instance failures (paper Fig. 12): modelled from measured job runtimes.

Reads a resilience raw-timings CSV (default: the paper's ``resilience.csv``; one gradient per
``case`` without failures), runs the seeded failure model and writes the repetitions and the
summary (CSV, Markdown, JSON) and one figure per case to ``output/``.

Run: ``.venv/bin/python numerical-examples/resilience/plot.py [--data DIR] [--out DIR]``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from resilience_figures import draw_all
from resilience_sweep import SCHEMA, SweepOptions, case_runtimes, summary, sweep

from common import constants as const
from common.cli import build_parser, context_from_args, print_written, run_main
from common.raw import SOURCE, load_sources, per_source
from common.style import apply_style
from common.tables import TableInfo, mean_pm, write_table

HERE = Path(__file__).resolve().parent
HEADINGS = {"factor_restart": "factor, restart", "factor_no_restart": "factor, no restart",
            "tts_restart_s": "time, restart [s]", "tts_no_restart_s": "time, no restart [s]"}


def _notes(options: SweepOptions) -> list[str]:
    return [
        "Runtimes t_j = stopped_s − started_s (no failures). floor(p·n) instances fail, each once,"
        " at a time uniform over its job's runtime.",
        f"With restart: the job reruns from scratch after a {options.penalty_s:g} s penalty."
        " Without restart: the job is re-queued at the failure time and run by the first free"
        " survivor.",
        "Resilience factor = max_j t_j / time-to-solution with failures; mean and std (ddof = 1)"
        f" over {options.repeats} repetitions seeded with [{options.seed}, repeat, fraction"
        " index].",
    ]


def _sweep_cases(raw: pd.DataFrame, options: SweepOptions) -> pd.DataFrame:
    parts = [sweep(case_runtimes(raw, case), options).assign(case=case)
             for case in raw["case"].unique()]
    table = pd.concat(parts, ignore_index=True)
    return table[["case"] + [c for c in table.columns if c != "case"]]


def main(argv: list[str] | None = None) -> None:
    """Run the resilience model and draw Fig. 12."""
    parser = build_parser(__doc__.splitlines()[0], const.RESILIENCE_CSV)
    parser.add_argument("--repeats", type=int, default=const.RESILIENCE_REPEATS, metavar="N",
                        help="repetitions per failure fraction "
                             f"(default {const.RESILIENCE_REPEATS})")
    parser.add_argument("--seed", type=int, default=const.RESILIENCE_SEED,
                        help=f"base random seed (default {const.RESILIENCE_SEED})")
    parser.add_argument("--penalty", type=float, default=const.RESTART_PENALTY_S, metavar="S",
                        help=f"restart penalty in seconds (default {const.RESTART_PENALTY_S:g})")
    args = parser.parse_args(argv)
    ctx = context_from_args(args, HERE, const.RESILIENCE_CSV)
    options = SweepOptions(tuple(const.FAILURE_FRACTIONS), args.repeats, args.seed, args.penalty)
    raw = load_sources(ctx.sources, SCHEMA)
    repeats = per_source(raw, lambda rows: _sweep_cases(rows, options))
    table = per_source(repeats, summary)
    meta = {"repeats": options.repeats, "seed": options.seed, "penalty_s": options.penalty_s,
            "failure_fractions": list(options.fractions)}
    notes = _notes(options)
    apply_style()
    print_written([
        *write_table(repeats, ctx.out_dir, TableInfo("resilience_repeats",
                                                     "Resilience model, every repetition",
                                                     notes, meta)),
        *write_table(table, ctx.out_dir, TableInfo("resilience_summary",
                                                   "Resilience factor (Fig. 12)", notes, meta),
                     mean_pm(table, [SOURCE, "case", "failure_pct", "repeats"], HEADINGS, "_std")),
        *draw_all(table, ctx.out_dir),
    ])


if __name__ == "__main__":
    sys.exit(run_main(main))
