"""The leapfrog update: its division-free form solves the damped wave equation, and a wavefield
kept in two time buffers (updated in place) gives what three buffers give."""

from __future__ import annotations

import numpy as np
from devito import Grid
from seisless_compute.operators import (
    coefficients,
    forward_operator,
    make_fields,
    ricker,
)
from seisless_compute.solvers.environment import configure_devito


def _fields(shape, nt=60, seed=0):
    """Fields on a small grid with a heterogeneous model and a damping ramp, set for dt = 1 ms."""
    configure_devito()
    grid = Grid(shape=shape, extent=tuple(10.0 * (n - 1) for n in shape), dtype=np.float32)
    f = make_fields(grid, 8, nt, nrec=3)
    rng = np.random.default_rng(seed)
    m = 1.0 / rng.uniform(1.5, 3.0, shape) ** 2
    damp = np.zeros(shape)
    damp[:8] = np.linspace(0.5, 0.0, 8).reshape((8,) + (1,) * (len(shape) - 1))
    f.scale.data[:], f.keep.data[:] = coefficients(m, damp, 1.0)
    return f, m, damp


def test_a_step_from_rest_solves_the_damped_equation():
    # Arrange: u[t] = 0, so the Laplacian vanishes and only the time terms remain
    f, m, damp = _fields((40, 40))
    op = forward_operator(f)
    previous = np.random.default_rng(1).standard_normal((40, 40)).astype(np.float32)
    f.u.data[0] = previous  # t-1 = 0
    f.u.data[1] = 0.0  # t = 1

    # Act: one step, no source
    op.apply(time_m=1, time_M=1)
    nxt = f.u.data[0]  # t+1 = 2 shares the buffer of t-1

    # Assert: m (u+ + u-)/dt^2 + eta (u+ - u-)/(2 dt) = 0
    residual = m * (nxt + previous) + damp * (nxt - previous) / 2
    assert np.max(np.abs(residual)) < 1e-6 * np.max(np.abs(m * previous))
    assert not np.allclose(nxt, -previous)  # the damping changed the layer's values


def test_two_buffers_updated_in_place_equal_three_buffers():
    # Arrange: the same forward run on the in-place wavefield and on a three-buffer one
    f, _, _ = _fields((30, 32, 34), nt=60)
    f.src.coordinates.data[:] = [[150.0, 160.0, 170.0]]
    f.src.data[:] = ricker(40.0, 1.0, 60).reshape(-1, 1)
    f.rec.coordinates.data[:] = [[50.0, 60.0, 100.0], [200.0, 60.0, 100.0], [150.0, 300.0, 90.0]]
    records = []
    for u in (f.u, f.u3):
        u.data[:] = 0.0
        f.rec.data[:] = 0.0

        # Act
        forward_operator(f, u=u).apply(time_m=1, time_M=58)
        records.append((f.rec.data.copy(), u.data[59 % u.data.shape[0]].copy()))  # t = 59

    # Assert: bit-identical records and last wavefield, and a wave was recorded
    (rec2, last2), (rec3, last3) = records
    assert np.max(np.abs(rec3)) > 0
    np.testing.assert_array_equal(rec2, rec3)
    np.testing.assert_array_equal(last2, last3)


def test_the_cfl_weights_are_sympys_finite_difference_weights():
    import sympy
    from seisless_compute.operators.update_coefficients import (
        centred_second_derivative_weights,
    )

    for radius in range(1, 9):
        points = list(range(-radius, radius + 1))
        expected = sympy.finite_diff_weights(2, points, 0)[2][-1]
        ours = centred_second_derivative_weights(radius)
        assert [sympy.Rational(w.numerator, w.denominator) for w in ours] == list(expected)
