"""The pseudo-acoustic TTI system, its transpose, and their leapfrog updates.

Two wavefields ``w = (p, r)`` obey (Zhang, Zhang and Zhang 2011, "Stable TTI reverse time
migration and its implementation")::

    m p_tt = a H0 p + d Hz r        a = 1 + 2 epsilon
    m r_tt = d H0 p +   Hz r        d = sqrt(1 + 2 delta)

with ``Hz = -Dn^T Dn`` the second derivative along the symmetry axis ``n`` and
``H0 = lap - Hz`` the rest of the Laplacian. ``Dn = sum_i n_i D_i`` is built from half-point
first derivatives ``D_i`` of half the space order (at ``x + h/2``; the composition ``Dn^T Dn``
then has the Laplacian's reach). With zero halos the transpose of ``D_i`` is ``-D_i'``, the
same weights at ``x - h/2``, so ``Dn^T g = -sum_i D_i'(n_i g)`` and ``Hz`` is symmetric
(negative semi-definite) for any point-wise axis; ``H0`` stays negative semi-definite (the
squared half-point symbol stays below the Laplacian's). The spatial operator is
``L = C diag(H0, Hz)`` with the point-wise symmetric block ``C = [[a, d], [d, 1]]``, so its
transpose is ``L^T = diag(H0, Hz) C``: the same operators with the coefficients applied inside,
which is what the adjoint runs. The discrete adjoint is
then exact, not the adjoint of the continuous equation discretised (Louboutin et al. 2018,
"Effects of wrong adjoints for RTM in TTI media").

Stability: ``C`` is positive semi-definite when ``a >= d^2``, i.e. ``epsilon >= delta``, and the
largest frequency of the system is at most ``sqrt(a)`` times the acoustic one (the eigenvalues of
``C diag(h0, hz)`` are below ``a h0 + hz <= a (h0 + hz)``, with ``h0 + hz`` the Laplacian's
symbol): the time step is the acoustic one for ``vp sqrt(1 + 2 epsilon)``.

With ``epsilon = delta = 0`` and equal sources, ``p = r`` and ``m p_tt = lap p``: the acoustic
equation exactly, for any tilt.

Measured (issue 16, the bench's 96^3 + 16 comparison with Devito's example TTI solver, 118
steps, 2 shared cores): centred ``D_i`` (``D_i' = D_i``; the temporaries of a cache block then
need 4 halo points per dimension instead of 3) and Devito's default schedule, ours over the
example 0.94-1.00 (kernel time; process CPU time 0.93-1.09). Half-point ``D_i`` with
``tti_operators.TTI_OPT`` (the products ``n_i Dn w`` kept, 46 + 74 operations per point against
40 + 98) in the forward: 1.10, 1.16, 1.11 (``npm run bench:compute``, every run of ours faster
than every run of the example), 1.12-1.22 in process CPU time; half-point alone 1.15,
``TTI_OPT`` alone with centred ``D_i`` 0.99-1.16 (CPU time, noisy). Devito options
(``cire-rotate``, ``min-storage``, ``blocklevels=2``, ``cire-mingain`` 0 or 100,
``expand=False``) and block sizes 32x32, 16x32, 32x16, 16x8, 8x8 against Devito's 16x16: no gain
or slower. Dot tests are float32 rounding on inner products some seeds make small: the 2D Born
ones over seeds 2-6 (standard and ISIC) stay below 9.4e-5 with these operators, against 1.4e-4
(standard, seed 3) with the centred ones; half-point with the default schedule everywhere gave
1.24e-4 and (with the updates below) 1.43e-4 (2D ISIC, the test's seed).
"""

from __future__ import annotations

from devito import Derivative, Eq

from seisless_compute.operators.tti_fields import TTIFields

__all__ = ["axis_second_derivative", "tti_leapfrog", "tti_spatial"]


def _first(expr, dim, order: int, *, side: int):
    """First derivative of ``expr`` along ``dim``, accuracy ``order``, at ``x + side h/2``."""
    return Derivative(expr, dim, fd_order=order, x0=dim + side * dim.spacing / 2)


def axis_second_derivative(expr, aniso: TTIFields, order: int):
    """``Dn^T Dn expr`` (= ``-Hz expr``, positive semi-definite), first derivatives of
    accuracy ``order`` (``Dn`` at ``x + h/2``, its transpose at ``x - h/2``)."""
    dims = aniso.axis[0].grid.dimensions
    along = sum(n * _first(expr, d, order, side=1) for n, d in zip(aniso.axis, dims))
    return -sum(_first(n * along, d, order, side=-1) for n, d in zip(aniso.axis, dims))


def tti_spatial(p, r, aniso: TTIFields, *, scale=1, forcing=(0, 0),
                transpose: bool = False) -> tuple:
    """``s (L (p, r) + f)`` (or ``s (L^T (p, r) + f)``), the scaled right-hand sides.

    In the forward system ``s`` multiplies each term (``s a H0 p + s d Hz r + s f_p`` and
    ``s d H0 p + s Hz r + s f_r``), so that ``Hz r`` is a factor in both equations and Devito
    keeps it whole in one temporary: every operator then adds the same terms in the same order,
    and with ``a = d = 1`` the two updates are the same arithmetic. (Written
    ``s (d H0 p + Hz r)``, the sum had three terms, ``Hz r`` split by its two stencil
    coefficients, added in the order of their temporaries' names, which differ between the
    forward and the Born operators: the Born background wavefield rounded differently from the
    forward one, by up to 1.5e-5 of the ISIC image where the two must agree,
    ``tests/compute/test_tti_gradient.py``.)

    Parameters
    ----------
    p, r : sympy expressions
        The two wavefields at one time (Devito functions or expressions of them).
    aniso : TTIFields
        Coefficients ``a``, ``d`` and the symmetry axis.
    scale : devito.Function or number
        ``s`` of ``stencil.coefficients``.
    forcing : tuple of sympy expressions
        Source terms ``f`` of the two equations.
    transpose : bool
        The transpose ``diag(H0, Hz) C`` instead of ``C diag(H0, Hz)``.

    Returns
    -------
    tuple
        The two expressions.
    """
    order = max(2, p.space_order // 4 * 2)  # even, half the space order
    a, d = aniso.horizontal, aniso.coupling
    force_p, force_r = forcing

    def h0(expr):
        return expr.laplace + axis_second_derivative(expr, aniso, order)

    def hz(expr):
        return -axis_second_derivative(expr, aniso, order)

    if transpose:
        return scale * (h0(a * p + d * r) + force_p), scale * (hz(d * p + r) + force_r)
    horizontal, vertical = h0(p), hz(r)
    return (scale * a * horizontal + scale * d * vertical + scale * force_p,
            scale * d * horizontal + scale * vertical + scale * force_r)


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
    rhs = tti_spatial(p, r, aniso, scale=scale, forcing=forcing, transpose=backward)
    updates = []
    for field, scaled in zip((p, r), rhs):
        nxt, prev = (field.backward, field.forward) if backward else (field.forward,
                                                                     field.backward)
        updates.append(Eq(nxt, scaled + 2 * keep * (field - prev) + prev))
    return updates
