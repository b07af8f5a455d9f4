"""Adjoint Born modelling: the gradient (image) of receiver-side residuals."""

from __future__ import annotations

from devito import Inc, Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.imaging import imaging_condition
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import injection_scale, leapfrog

__all__ = ["gradient_operator"]


def gradient_operator(f: Fields, u=None, isic: bool = False, opt=DEFAULT_OPT) -> Operator:
    """Operator accumulating ``grad += J^T rec`` from the forward wavefield ``u``.

    Parameters
    ----------
    f : Fields
        Symbolic objects (``m``, ``damp``, ``b``, ``v``, ``rec``, ``grad``).
    u : devito.TimeFunction, optional
        Forward wavefield read at time ``t`` only: a saved one, or ``f.u`` restored by
        checkpointing (default).
    isic : bool
        Inverse-scattering imaging condition instead of the standard one.
    opt : tuple
        Devito optimisation options.

    Returns
    -------
    devito.Operator
        Named ``gradient``; apply with ``dt``, ``time_m=1``, ``time_M=nt-2`` (runs backward).
    """
    u = f.u if u is None else u
    dt = f.grid.stepping_dim.spacing
    update = leapfrog(f.v, f.m, f.damp, backward=True)
    inject = f.rec.inject(field=f.v.backward, expr=f.rec * injection_scale(f.m, f.damp, dt))
    image = Inc(f.grad, imaging_condition(u, f.v, f.b, isic))
    return Operator([update, inject, image], subs=f.grid.spacing_map, name="gradient",
                    opt=opt)
