"""Adjoint modelling: back-propagate receiver data, record at the source position."""

from __future__ import annotations

from devito import Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import leapfrog

__all__ = ["adjoint_operator"]


def adjoint_operator(f: Fields, opt=DEFAULT_OPT) -> Operator:
    """Operator computing ``srca = S K(m)^-T R^T rec`` (exact transpose of the forward).

    Parameters
    ----------
    f : Fields
        Symbolic objects (``scale``, ``keep``, ``v``, ``rec``, ``srca``).
    opt : tuple
        Devito optimisation options.

    Returns
    -------
    devito.Operator
        Named ``adjoint``; apply with ``time_m=1``, ``time_M=nt-2`` (``dt`` is in ``scale``).
    """
    update = leapfrog(f.v, f.scale, f.keep, backward=True)
    inject = f.rec.inject(field=f.v.backward, expr=f.rec * f.scale)
    record = f.srca.interpolate(expr=f.v)
    return Operator([update, inject, record], subs=f.grid.spacing_map, name="adjoint",
                    opt=opt)
