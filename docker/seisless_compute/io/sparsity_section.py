"""The ``sparsity`` section of a ``sparsify`` task file (``docs/contracts/jobs.md``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from seisless_compute.io.fields import Fields, is_int, is_number

__all__ = ["SPARSITY_FIELDS", "SparsitySpec", "parse_sparsity"]

SPARSITY_FIELDS = ("transform", "wavelet", "levels", "quantile", "scale", "step")

#: PyWavelets' orthogonal wavelets (the transform must be a tight frame,
#: sparsity/wavelet_frame.py); a pattern, so that parsing a task file does not import pywt.
ORTHOGONAL_WAVELET = re.compile(r"^(haar|db([1-9]|[12][0-9]|3[0-8])|sym([2-9]|1[0-9]|20)"
                                r"|coif([1-9]|1[0-7]))$")


@dataclass(frozen=True)
class SparsitySpec:
    """Linearized Bregman settings of sparse LS-RTM and the step the line search accepted."""

    transform: str
    wavelet: str
    levels: int
    quantile: float
    scale: float
    step: float


def parse_sparsity(fields: Fields) -> SparsitySpec:
    """Parse ``sparsity``: an orthogonal wavelet, levels >= 1, 0 < quantile < 1, scale > 0 and
    a finite step."""
    return SparsitySpec(
        transform=fields.get("transform", lambda v: v == "wavelet", "'wavelet'", default="wavelet"),
        wavelet=fields.get("wavelet", lambda v: isinstance(v, str) and bool(ORTHOGONAL_WAVELET.match(v)),
                           "an orthogonal PyWavelets wavelet: haar, dbN, symN or coifN",
                           default="db4"),
        levels=fields.get("levels", lambda v: is_int(v, 1), "a positive integer", default=4),
        quantile=float(fields.get("quantile", lambda v: is_number(v) and 0 < v < 1,
                                  "a number between 0 and 1 (exclusive)", default=0.95)),
        scale=float(fields.get("scale", lambda v: is_number(v) and v > 0, "a positive number",
                               default=1.0)),
        step=float(fields.get("step", is_number, "a finite number (the accepted step)")),
    )
