"""Adjoint modelling: back-propagate receiver data, record at the source position."""

from __future__ import annotations

from devito import Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import injection_scale, leapfrog

__all__ = ["adjoint_operator"]


def adjoint_operator(f: Fields, opt=DEFAULT_OPT) -> Operator:
    """Operator computing ``srca = S K(m)^-T R^T rec`` (exact transpose of the forward).

    Parameters
    ----------
    f : Fields
        Symbolic objects (``m``, ``damp``, ``v``, ``rec``, ``srca``).
    opt : tuple
        Devito optimisation options.

    Returns
    -------
    devito.Operator
        Named ``adjoint``; apply with ``dt``, ``time_m=1``, ``time_M=nt-2``.
    """
    dt = f.grid.stepping_dim.spacing
    update = leapfrog(f.v, f.m, f.damp, backward=True)
    inject = f.rec.inject(field=f.v.backward, expr=f.rec * injection_scale(f.m, f.damp, dt))
    record = f.srca.interpolate(expr=f.v)
    return Operator([update, inject, record], subs=f.grid.spacing_map, name="adjoint",
                    opt=opt)
