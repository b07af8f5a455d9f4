"""The Born secondary source and its exact adjoint, the imaging condition.

With ``u`` the background wavefield and ``v`` the adjoint wavefield, time step ``t``:

* standard: source ``s[t] = -dm u_tt[t]``, image ``g = -sum_t u[t] v_tt[t]``. Summation by parts
  (``u[0] = u[1] = 0`` and ``v[nt-1] = 0``) makes ``g`` exactly ``-sum_t u_tt[t] v[t]``, the
  transpose of the source, while needing only ``u[t]`` (checkpointing-friendly).
* inverse scattering (ISIC): image ``g = 1/2 sum_t (-u v_tt - b grad(u).grad(v))`` with
  ``b = 1/m``, which cancels the low-wavenumber back-scattering of waves travelling in the same
  direction and equals the standard image at normal incidence. Its transpose, the Born source,
  is ``s = 1/2 (-dm u_tt + sum_i D_i(dm b D_i u))``, exact because the centred first derivative
  ``D_i`` with zero halos is antisymmetric (``D_i^T = -D_i``).
"""

from __future__ import annotations

__all__ = ["born_source", "imaging_condition"]


def _d(expr, dim):
    """Centred first derivative of ``expr`` along ``dim`` (the field's space order)."""
    return getattr(expr, f"d{dim.name}")


def born_source(u, dm, b, *, isic: bool = False):
    """Secondary source ``s[t]`` of the linearized wave equation for perturbation ``dm``.

    Parameters
    ----------
    u : devito.TimeFunction
        Background wavefield (``u.forward`` must be computed earlier in the same time step).
    dm, b : devito.Function
        Squared-slowness perturbation and ``1/m``.
    isic : bool
        Use the transpose of the inverse-scattering imaging condition.

    Returns
    -------
    sympy expression
    """
    if not isic:
        return -dm * u.dt2
    dims = u.grid.dimensions
    return (-dm * u.dt2 + sum(_d(dm * b * _d(u, d), d) for d in dims)) / 2


def imaging_condition(u, v, b, *, isic: bool = False):
    """Per-time-step increment of the image (gradient wrt ``m``), the transpose of the source.

    Parameters
    ----------
    u, v : devito.TimeFunction
        Background and adjoint wavefields (``v.backward`` computed earlier in the time step).
    b : devito.Function
        ``1/m`` (used by ISIC only).
    isic : bool
        Inverse-scattering imaging condition.

    Returns
    -------
    sympy expression
    """
    standard = -u * v.dt2
    if not isic:
        return standard
    dims = u.grid.dimensions
    return (standard - b * sum(_d(u, d) * _d(v, d) for d in dims)) / 2
