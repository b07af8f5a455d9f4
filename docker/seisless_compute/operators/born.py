"""Linearized (Born) modelling: data of a squared-slowness perturbation."""

from __future__ import annotations

from devito import Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.history import history_updates
from seisless_compute.operators.imaging import born_source
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.stencil import leapfrog

__all__ = ["born_operator"]


def born_operator(f: Fields, u=None, isic: bool = False, *, opt=DEFAULT_OPT, usave=None,
                  illumination: bool = False) -> Operator:
    """Operator computing ``rec = J dm``: background ``u`` and scattered ``du`` together.

    Parameters
    ----------
    f : Fields
        Symbolic objects (``scale``, ``keep``, ``b``, ``dm``, ``du``, ``src``, ``rec``).
    u : devito.TimeFunction, optional
        Background wavefield; default ``f.u3`` (the Born source takes its second time
        derivative, so three buffers). Pass a saved one to keep its history.
    isic : bool
        Linearization whose transpose is the inverse-scattering imaging condition.
    opt : tuple
        Devito optimisation options.
    usave, illumination
        The background's subsampled history and illumination, as in ``forward_operator``.

    Returns
    -------
    devito.Operator
        Named ``born``; apply with ``dt``, ``time_m=1``, ``time_M=nt-2``.
    """
    u = f.u3 if u is None else u
    background = leapfrog(u, f.scale, f.keep)
    inject = f.src.inject(field=u.forward, expr=f.src * f.scale)
    scattered = leapfrog(f.du, f.scale, f.keep, forcing=born_source(u, f.dm, f.b, isic=isic))
    record = f.rec.interpolate(expr=f.du)
    history = history_updates(f, u, usave=usave, illumination=illumination)
    return Operator([background, inject, scattered, record, *history],
                    subs=f.grid.spacing_map, name="born", opt=opt)
