"""The four TTI operators (forward, adjoint, Born, adjoint Born), as their acoustic namesakes
with the coupled system of ``tti_stencil`` in place of the scalar update.

Operators keep the acoustic names (``forward`` ...), so timings read the same; the compile
cache tells them apart by their kind (``-tti``) and code. The source is injected into both equations and the receivers record ``p``; the adjoint injects
into the ``p`` equation and records ``p + r`` at the source, the transposes. Born and imaging
conditions apply the acoustic ones (``imaging``) to each wavefield and sum: the perturbation is
of ``m``, which multiplies both time derivatives.
"""

from __future__ import annotations

from devito import Eq, Inc, Operator

from seisless_compute.operators.fields import Fields
from seisless_compute.operators.history import history_updates
from seisless_compute.operators.imaging import born_source, imaging_condition
from seisless_compute.operators.options import DEFAULT_OPT
from seisless_compute.operators.tti_fields import TTIFields
from seisless_compute.operators.tti_stencil import tti_leapfrog

__all__ = ["TTI_OPT", "tti_adjoint_operator", "tti_born_operator", "tti_forward_operator",
           "tti_gradient_operator"]

#: ``DEFAULT_OPT`` with CIRE's first schedule (``cire-schedule: 0``, Devito 4.8): of the
#: block-local temporaries Devito can keep for ``Dn^T Dn w = -sum_i D_i(n_i Dn w)`` it keeps the
#: products ``n_i Dn w`` (``Dn w`` computed once) rather than ``Dn w`` alone, so the outer
#: derivatives read them without multiplying by ``n_i``: Devito's count for the 3D forward
#: drops from 40 + 98 to 46 + 74 operations per point (halo of the first term aside). Used by
#: the operators whose rounding nothing else has to reproduce: the forward without a history
#: (modelling, Revolve's recomputation, the benchmark) and the adjoint. The forward keeping a
#: history and the Born and gradient operators stay on ``DEFAULT_OPT``: the forward's and the
#: Born operator's background wavefields must round alike (the LS-RTM gradient equals the
#: adjoint Born image to 1e-6, ``tests/compute/test_tti_gradient.py``), and with this schedule
#: the two Born operators (with and without a history) added the scattered field's temporaries
#: in different orders (their names differ), 1.7e-5 apart in the records; the gradient with it
#: put the FWI gradient at epsilon = delta = 0 1.8e-3 (of its max) from the acoustic one
#: (test: 1e-3, ``test_tti_operators.py``).
TTI_OPT = ("advanced", {"cire-schedule": 0})


def _sources(f: Fields, p, r) -> list:
    """Inject the source, scaled by ``s`` (so that stepping is ``K w = f``), into both."""
    return [f.src.inject(field=p.forward, expr=f.src * f.scale),
            f.src.inject(field=r.forward, expr=f.src * f.scale)]


def _history(f: Fields, p, r, *, usave=None, rsave=None, illumination: bool = False) -> list:
    """The kept history of both wavefields and the illumination of ``p``."""
    kept = [Eq(rsave, r)] if rsave is not None else []
    return [*history_updates(f, p, usave=usave, illumination=illumination), *kept]


def tti_forward_operator(f: Fields, aniso: TTIFields, *, waves=None, opt=None,
                         usave=None, rsave=None, illumination: bool = False) -> Operator:
    """Operator computing ``rec = R p`` with ``K(m) (p, r) = S^T src``.

    Parameters
    ----------
    f, aniso : Fields, TTIFields
        Symbolic objects.
    waves : tuple of devito.TimeFunction, optional
        ``(p, r)`` to propagate; default ``(f.u, aniso.r)`` (two buffers). Pass saved ones to
        keep their history.
    opt : tuple, optional
        Devito optimisation options; default :data:`TTI_OPT` without a history (``waves``,
        ``usave``), else ``DEFAULT_OPT`` (see :data:`TTI_OPT`).
    usave, rsave : devito.TimeFunction, optional
        Subsampled histories of ``p`` and ``r`` (``fields.subsampled_wavefield``).
    illumination : bool
        Also accumulate ``illum += p[t]^2``.

    Returns
    -------
    devito.Operator
        Named ``forward``; apply with ``time_m=1``, ``time_M=nt-2``.
    """
    if opt is None:
        opt = TTI_OPT if waves is None and usave is None else DEFAULT_OPT
    p, r = (f.u, aniso.r) if waves is None else waves
    update = tti_leapfrog((p, r), (f.scale, f.keep), aniso)
    record = f.rec.interpolate(expr=p)
    history = _history(f, p, r, usave=usave, rsave=rsave, illumination=illumination)
    return Operator([*update, *_sources(f, p, r), record, *history], subs=f.grid.spacing_map,
                    name="forward", opt=opt)


def tti_adjoint_operator(f: Fields, aniso: TTIFields, opt=TTI_OPT) -> Operator:
    """Operator computing ``srca = S K(m)^-T R^T rec``, the exact transpose of the forward."""
    vp, vr = f.v, aniso.vr
    update = tti_leapfrog((vp, vr), (f.scale, f.keep), aniso, backward=True)
    inject = f.rec.inject(field=vp.backward, expr=f.rec * f.scale)
    record = f.srca.interpolate(expr=vp + vr)
    return Operator([*update, inject, record], subs=f.grid.spacing_map, name="adjoint",
                    opt=opt)


def tti_born_operator(f: Fields, aniso: TTIFields, *, waves=None, isic: bool = False,
                      opt=DEFAULT_OPT, usave=None, rsave=None,
                      illumination: bool = False) -> Operator:
    """Operator computing ``rec = J dm``: background ``(p, r)`` and scattered ``(dp, dr)``.

    ``waves`` defaults to ``(f.u3, aniso.r3)`` (the Born source takes their second time
    derivative); ``isic``: the linearization whose transpose is the inverse-scattering imaging
    condition; the rest as :func:`tti_forward_operator`. Named ``born``.
    """
    p, r = (f.u3, aniso.r3) if waves is None else waves
    background = tti_leapfrog((p, r), (f.scale, f.keep), aniso)
    forcing = (born_source(p, f.dm, f.b, isic=isic), born_source(r, f.dm, f.b, isic=isic))
    scattered = tti_leapfrog((f.du, aniso.dr), (f.scale, f.keep), aniso, forcing=forcing)
    record = f.rec.interpolate(expr=f.du)
    history = _history(f, p, r, usave=usave, rsave=rsave, illumination=illumination)
    return Operator([*background, *_sources(f, p, r), *scattered, record, *history],
                    subs=f.grid.spacing_map, name="born", opt=opt)


def tti_gradient_operator(f: Fields, aniso: TTIFields, *, waves=None, isic: bool = False,
                          opt=DEFAULT_OPT) -> Operator:
    """Operator accumulating ``grad += J^T rec`` from the forward wavefields ``(p, r)`` (saved,
    subsampled, or restored by checkpointing: the default ``(f.u, aniso.r)``), read at time
    ``t`` only. Named ``gradient``; runs backward."""
    p, r = (f.u, aniso.r) if waves is None else waves
    vp, vr = f.v3, aniso.vr3
    update = tti_leapfrog((vp, vr), (f.scale, f.keep), aniso, backward=True)
    inject = f.rec.inject(field=vp.backward, expr=f.rec * f.scale)
    image = Inc(f.grad, imaging_condition(p, vp, f.b, isic=isic)
                + imaging_condition(r, vr, f.b, isic=isic))
    return Operator([*update, inject, image], subs=f.grid.spacing_map, name="gradient",
                    opt=opt)
