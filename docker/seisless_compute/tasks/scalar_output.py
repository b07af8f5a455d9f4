"""The one-number result of a line-search trial (``objective``, ``born-norm``)."""

from __future__ import annotations

import numpy as np

from seisless_compute.io.arrays import write_json
from seisless_compute.io.retention import SCRATCH_TAGGING
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.shot_solver import check_finite

__all__ = ["write_scalar"]


def write_scalar(ctx: JobContext, value: float) -> None:
    """Write ``outputs.scalar`` as ``{"shot", "value"}`` from rank 0, refusing a non-finite
    value."""
    if not ctx.ranks.is_root:
        return
    key = ctx.output_key("scalar")
    check_finite(np.asarray(value), ctx.store.url(key))
    with ctx.watch.phase("write"):
        # Scratch: the line search sums the trial's scalars into its state, then never reads them.
        write_json(ctx.store, key, {"shot": ctx.shot, "value": value}, tagging=SCRATCH_TAGGING)
