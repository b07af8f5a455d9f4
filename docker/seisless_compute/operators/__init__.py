"""Symbolic Devito operators of the constant-density acoustic wave equation and of the
pseudo-acoustic TTI system (``tti_*``; no data here).

Builders take a :class:`Fields` bundle of symbolic objects and return an un-applied
``devito.Operator``; every operator runs ``time_m=1 .. time_M=nt-2`` (see ``stencil``).

Names are imported on first use (PEP 562): a job that runs compiled operators needs the
wavelet, the coefficients and the field names, and must not pay for importing Devito and sympy
(about 0.4 s) to get them.
"""

from __future__ import annotations

import importlib

#: Where each public name lives, by module of this package.
_HOMES = {
    "adjoint": ("adjoint_operator",),
    "born": ("born_operator",),
    "update_coefficients": ("coefficients", "critical_dt"),
    "field_set": ("SUBSAMPLED_TIME", "Fields", "subsampled_saves"),
    "fields": ("PhysicalRegion", "make_fields", "saved_wavefield", "subsampled_wavefield"),
    "forward": ("forward_operator",),
    "gradient": ("gradient_operator",),
    "imaging": ("born_source", "imaging_condition"),
    "options": ("DEFAULT_OPT",),
    "stencil": ("leapfrog",),
    "tti_fields": ("TTIFields", "axis_components", "make_tti_fields"),
    "tti_operators": ("tti_adjoint_operator", "tti_born_operator", "tti_forward_operator",
                      "tti_gradient_operator"),
    "wavelet": ("ricker",),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "DEFAULT_OPT",
    "SUBSAMPLED_TIME",
    "Fields",
    "PhysicalRegion",
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


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
