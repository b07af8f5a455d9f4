"""Adjoint Born modelling: the gradient (image) of receiver-side residuals."""

from __future__ import annotations

from devito import Inc, Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.history import region_of
from seisless_compute.operators.imaging import imaging_condition
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import leapfrog

__all__ = ["gradient_operator"]


def gradient_operator(f: Fields, u=None, isic: bool = False, *, opt=DEFAULT_OPT) -> Operator:
    """Operator accumulating ``grad += J^T rec`` from the forward wavefield ``u``.

    Parameters
    ----------
    f : Fields
        Symbolic objects (``scale``, ``keep``, ``b``, ``v3``, ``rec``, ``grad``).
    u : devito.TimeFunction, optional
        Forward wavefield read at time ``t`` only: a saved one, or ``f.u`` restored by
        checkpointing (default). A history defined on the physical region only is imaged
        there (standard imaging condition: it reads no neighbours).
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
    update = leapfrog(f.v3, f.scale, f.keep, backward=True)
    inject = f.rec.inject(field=f.v3.backward, expr=f.rec * f.scale)
    region = region_of(u)
    if region is not None and isic:
        raise ValueError("the ISIC imaging condition differentiates the forward history; it "
                         "needs the whole grid's, not the physical region's")
    image = Inc(f.grad, imaging_condition(u, f.v3, f.b, isic=isic), subdomain=region)
    return Operator([update, inject, image], subs=f.grid.spacing_map, name="gradient",
                    opt=opt)
