"""The pseudo-acoustic TTI system, its transpose, and their leapfrog updates.

Two wavefields ``w = (p, r)`` obey (Zhang, Zhang and Zhang 2011, "Stable TTI reverse time
migration and its implementation")::

    m p_tt = a H0 p + d Hz r        a = 1 + 2 epsilon
    m r_tt = d H0 p +   Hz r        d = sqrt(1 + 2 delta)

with ``Hz = -Dn^T Dn`` the second derivative along the symmetry axis ``n`` and
``H0 = lap - Hz`` the rest of the Laplacian. ``Dn = sum_i n_i D_i`` is built from centred first
derivatives ``D_i`` of half the space order (the composition ``Dn^T Dn`` then has the
Laplacian's reach); they are antisymmetric with zero halos, ``D_i^T = -D_i``, so
``Dn^T g = -sum_i D_i(n_i g)`` and ``Hz`` is symmetric (negative semi-definite) for any
point-wise axis. The spatial operator is ``L = C diag(H0, Hz)`` with the point-wise symmetric
block ``C = [[a, d], [d, 1]]``, so its transpose is ``L^T = diag(H0, Hz) C``: the same operators
with the coefficients applied inside, which is what the adjoint runs. The discrete adjoint is
then exact, not the adjoint of the continuous equation discretised (Louboutin et al. 2018,
"Effects of wrong adjoints for RTM in TTI media").

Stability: ``C`` is positive semi-definite when ``a >= d^2``, i.e. ``epsilon >= delta``, and the
largest frequency of the system is at most ``sqrt(a)`` times the acoustic one (the eigenvalues of
``C diag(h0, hz)`` are below ``a h0 + hz <= a (h0 + hz)``, with ``h0 + hz`` the Laplacian's
symbol): the time step is the acoustic one for ``vp sqrt(1 + 2 epsilon)``.

With ``epsilon = delta = 0`` and equal sources, ``p = r`` and ``m p_tt = lap p``: the acoustic
equation exactly, for any tilt.

Measured alternative (issue 16): half-point first derivatives (``D_i`` at ``x + h/2``, its
transpose at ``x - h/2``: the temporaries of a cache block need 3 halo points per dimension
instead of 4) keep the adjoint exact and, with ``H0 = lap - Hz``, the acoustic limit; ``H0``
stays negative semi-definite (the squared half-point symbol stays below the Laplacian's). On
the bench's 96^3 + 16 comparison (118 steps, process CPU time, interleaved) they took 1.00,
0.92 and 0.96 of these centred ones' CPU time, and 0.96, 0.93, 0.98 of Devito's example's (centred:
0.955, 1.01, 1.02). Not adopted, as the 2D ISIC Born dot test (seed 2) then gives 1.24e-4:
rounding of the centred operators' size (|lhs - rhs| 2e-5 to 8e-4 over seeds 2-5, centred
5e-5 to 1e-3) on an inner product this seed makes small (6.1; 2 to 60 otherwise). Block sizes
32x32, 16x32, 32x16, 8x8 against Devito's default: no gain beyond noise.
"""

from __future__ import annotations

from devito import Derivative, Eq

from seisless_compute.operators.tti_fields import TTIFields

__all__ = ["axis_second_derivative", "tti_leapfrog", "tti_spatial"]


def _first(expr, dim, order: int):
    """Centred first derivative of ``expr`` along ``dim``, accuracy ``order``."""
    return Derivative(expr, dim, fd_order=order)


def axis_second_derivative(expr, aniso: TTIFields, order: int):
    """``Dn^T Dn expr`` (= ``-Hz expr``, positive semi-definite), first derivatives of
    accuracy ``order``."""
    dims = aniso.axis[0].grid.dimensions
    along = sum(n * _first(expr, d, order) for n, d in zip(aniso.axis, dims))
    return -sum(_first(n * along, d, order) for n, d in zip(aniso.axis, dims))


def tti_spatial(p, r, aniso: TTIFields, *, transpose: bool = False) -> tuple:
    """``L (p, r)`` (or ``L^T (p, r)``), the right-hand sides of the two equations.

    Parameters
    ----------
    p, r : sympy expressions
        The two wavefields at one time (Devito functions or expressions of them).
    aniso : TTIFields
        Coefficients ``a``, ``d`` and the symmetry axis.
    transpose : bool
        The transpose ``diag(H0, Hz) C`` instead of ``C diag(H0, Hz)``.

    Returns
    -------
    tuple
        The two expressions.
    """
    order = max(2, p.space_order // 4 * 2)  # even, half the space order
    a, d = aniso.horizontal, aniso.coupling

    def h0(expr):
        return expr.laplace + axis_second_derivative(expr, aniso, order)

    def hz(expr):
        return -axis_second_derivative(expr, aniso, order)

    if transpose:
        return h0(a * p + d * r), hz(d * p + r)
    horizontal, vertical = h0(p), hz(r)
    return a * horizontal + d * vertical, d * horizontal + vertical


def tti_leapfrog(waves: tuple, coefficients: tuple, aniso: TTIFields, *, forcing=(0, 0),
                 backward: bool = False) -> list[Eq]:
    """The updates of ``p`` and ``r`` one step forward (or, ``backward``, the transposed system
    one step back), as ``stencil.leapfrog`` with ``L`` (``L^T``) for the Laplacian.

    Parameters
    ----------
    waves : tuple of devito.TimeFunction
        ``(p, r)``.
    coefficients : tuple of devito.Function
        ``(s, k)`` of ``stencil.coefficients``.
    aniso : TTIFields
        The system's coefficients.
    forcing : tuple of sympy expressions
        Source terms of the two equations.
    backward : bool
        Update ``w[t-1]`` with the transposed system (adjoint, reverse time).

    Returns
    -------
    list of devito.Eq
        ``next = s (L w + f) + 2k (w - prev) + prev`` for ``w = p`` then ``r``.
    """
    (p, r), (scale, keep) = waves, coefficients
    lp, lr = tti_spatial(p, r, aniso, transpose=backward)
    updates = []
    for field, rhs, force in ((p, lp, forcing[0]), (r, lr, forcing[1])):
        nxt, prev = (field.backward, field.forward) if backward else (field.forward,
                                                                     field.backward)
        updates.append(Eq(nxt, scale * (rhs + force) + 2 * keep * (field - prev) + prev))
    return updates
