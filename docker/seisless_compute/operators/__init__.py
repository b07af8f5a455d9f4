"""Symbolic Devito operators of the constant-density acoustic wave equation and of the
pseudo-acoustic TTI system (``tti_*``; no data here).

Builders take a :class:`Fields` bundle of symbolic objects and return an un-applied
``devito.Operator``; every operator runs ``time_m=1 .. time_M=nt-2`` (see ``stencil``).
"""

from seisless_compute.operators.adjoint import adjoint_operator
from seisless_compute.operators.born import born_operator
from seisless_compute.operators.fields import (
    SUBSAMPLED_TIME,
    Fields,
    make_fields,
    saved_wavefield,
    subsampled_saves,
    subsampled_wavefield,
)
from seisless_compute.operators.forward import forward_operator
from seisless_compute.operators.gradient import gradient_operator
from seisless_compute.operators.imaging import born_source, imaging_condition
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import coefficients, critical_dt, leapfrog
from seisless_compute.operators.tti_fields import (
    TTIFields,
    axis_components,
    make_tti_fields,
)
from seisless_compute.operators.tti_operators import (
    tti_adjoint_operator,
    tti_born_operator,
    tti_forward_operator,
    tti_gradient_operator,
)
from seisless_compute.operators.wavelet import ricker

__all__ = [
    "DEFAULT_OPT",
    "SUBSAMPLED_TIME",
    "Fields",
    "TTIFields",
    "adjoint_operator",
    "axis_components",
    "born_operator",
    "born_source",
    "coefficients",
    "critical_dt",
    "forward_operator",
    "gradient_operator",
    "imaging_condition",
    "leapfrog",
    "make_fields",
    "make_tti_fields",
    "ricker",
    "saved_wavefield",
    "subsampled_saves",
    "subsampled_wavefield",
    "tti_adjoint_operator",
    "tti_born_operator",
    "tti_forward_operator",
    "tti_gradient_operator",
]
