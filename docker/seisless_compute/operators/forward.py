"""Forward modelling: propagate the source, record at the receivers."""

from __future__ import annotations

from devito import Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.history import history_updates
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import leapfrog

__all__ = ["forward_operator"]


def forward_operator(f: Fields, u=None, opt=DEFAULT_OPT, *, usave=None,
                     illumination: bool = False) -> Operator:
    """Operator computing ``rec = R u`` with ``K(m) u = S^T src``.

    Parameters
    ----------
    f : Fields
        Symbolic objects (``scale``, ``keep``, ``src``, ``rec``).
    u : devito.TimeFunction, optional
        Wavefield to propagate; default ``f.u`` (two buffers, in place). Pass a saved one to
        keep its history.
    opt : tuple
        Devito optimisation options.
    usave : devito.TimeFunction, optional
        A subsampled history (``fields.subsampled_wavefield``) written every ``tsubf`` steps.
    illumination : bool
        Also accumulate ``illum += u[t]^2`` (the source-side illumination).

    Returns
    -------
    devito.Operator
        Named ``forward``; apply with ``time_m=1``, ``time_M=nt-2`` (``dt`` is in ``scale``).
    """
    u = f.u if u is None else u
    update = leapfrog(u, f.scale, f.keep)
    inject = f.src.inject(field=u.forward, expr=f.src * f.scale)
    record = f.rec.interpolate(expr=u)
    history = history_updates(f, u, usave=usave, illumination=illumination)
    return Operator([update, inject, record, *history], subs=f.grid.spacing_map,
                    name="forward", opt=opt)
