"""TTI operators and solver: dot-product tests in 2D and 3D, the isotropic limit against the
acoustic solver, the time step, and the gradient's wavefield histories (checkpointed,
subsampled)."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.solvers import AcousticSolver, Anisotropy, TTISolver, ricker


def _relative_gap(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b))


def _anisotropy(shape, *, seed=0) -> Anisotropy:
    """Smoothly varying epsilon > delta, tilt and (3D) azimuth."""
    rng = np.random.default_rng(seed)
    ramp = np.linspace(0.0, 1.0, shape[-1]) * np.ones(shape)
    noise = rng.random(shape)
    phi = 0.4 + 0.3 * ramp if len(shape) == 3 else None
    return Anisotropy(epsilon=0.15 + 0.1 * ramp + 0.02 * noise, delta=0.05 + 0.05 * ramp,
                      theta=0.3 + 0.4 * ramp + 0.05 * noise, phi=phi)


def _tti(case, anisotropy=None, **options) -> TTISolver:
    options = {"space_order": case.space_order, "nbl": case.nbl, "cache_dir": case.cache_dir,
               "vp_max": float(case.vp.max()), **options}
    anisotropy = _anisotropy(case.vp.shape) if anisotropy is None else anisotropy
    return TTISolver(case.grid, case.geometry, anisotropy=anisotropy, **options)


@pytest.mark.parametrize("case", ["shot_2d", "shot_3d"])
def test_tti_forward_and_adjoint_pass_the_dot_test(case, request):
    # Arrange
    shot = request.getfixturevalue(case)
    solver = _tti(shot)
    rng = np.random.default_rng(1)
    # Act
    data, _ = solver.forward(shot.vp0)
    residual = rng.standard_normal(data.shape).astype(np.float32)
    back = solver.adjoint(shot.vp0, residual)
    wavelet = ricker(shot.geometry.peak_frequency_hz, solver.dt_ms, solver.nt)
    # Assert: <F s, r> = <s, F^T r>
    lhs = np.dot(data.ravel().astype(np.float64), residual.ravel())
    rhs = np.dot(wavelet.astype(np.float64), back)
    print(f"TTI {case} forward/adjoint dot test: {lhs:.8e} {rhs:.8e} "
          f"gap {_relative_gap(lhs, rhs):.2e}")
    assert _relative_gap(lhs, rhs) < 1e-4


@pytest.mark.parametrize("case", ["shot_2d", "shot_3d"])
@pytest.mark.parametrize("isic", [False, True])
def test_tti_born_and_adjoint_born_pass_the_dot_test(case, isic, request):
    # Arrange
    shot = request.getfixturevalue(case)
    solver = _tti(shot)
    rng = np.random.default_rng(2)
    dm = (rng.standard_normal(shot.vp.shape) * 0.01).astype(np.float32)
    # Act
    linear = solver.born(shot.vp0, dm, isic=isic)
    residual = rng.standard_normal(linear.shape).astype(np.float32)
    image = solver.adjoint_born(shot.vp0, residual, isic=isic)
    # Assert: <J dm, r> = <dm, J^T r>
    lhs = np.dot(linear.ravel().astype(np.float64), residual.ravel())
    rhs = np.dot(dm.ravel().astype(np.float64), image.ravel())
    print(f"TTI {case} Born/adjoint Born ({'ISIC' if isic else 'standard'}) dot test: "
          f"{lhs:.8e} {rhs:.8e} gap {_relative_gap(lhs, rhs):.2e}")
    assert _relative_gap(lhs, rhs) < 1e-4


def test_tti_without_anisotropy_equals_the_acoustic_solver(shot_2d):
    # Arrange: epsilon = delta = 0 with a tilt that is not zero; same options and time axis
    zeros = np.zeros(shot_2d.vp.shape, np.float32)
    tti = _tti(shot_2d, Anisotropy(zeros, zeros, zeros + 0.7))
    acoustic = shot_2d.solver()
    d_obs, _ = acoustic.forward(shot_2d.vp)
    dm = (np.random.default_rng(3).standard_normal(shot_2d.vp.shape) * 0.01).astype(np.float32)

    def run(solver):
        records, _ = solver.forward(shot_2d.vp0)
        value, gradient = solver.fwi_gradient(shot_2d.vp0, d_obs)
        _, image = solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs, isic=True)
        return records, value, gradient, image

    # Act
    (rec_t, f_t, g_t, i_t), (rec_a, f_a, g_a, i_a) = run(tti), run(acoustic)
    # Assert: the same discrete equation (p = r), up to float32 rounding. The adjoint wavefield
    # is split in two (v_p + v_r is the acoustic one), so images round differently.
    assert (tti.dt_ms, tti.nt) == (acoustic.dt_ms, acoustic.nt)
    for name, ours, theirs, tolerance in (("records", rec_t, rec_a, 1e-5),
                                          ("FWI gradient", g_t, g_a, 1e-3),
                                          ("ISIC image", i_t, i_a, 1e-3)):
        gap = np.abs(ours - theirs).max() / np.abs(theirs).max()
        print(f"TTI (eps = delta = 0, theta 0.7) against acoustic, {name}: max difference "
              f"{gap:.2e} of the max")
        assert gap < tolerance
    assert f_t == pytest.approx(f_a, rel=1e-4)


def test_tti_time_step_accounts_for_epsilon(shot_2d):
    # Arrange
    shape = shot_2d.vp.shape
    eps = np.full(shape, 0.5, np.float32)
    tti = _tti(shot_2d, Anisotropy(eps, eps * 0, eps * 0), vp_max=None)
    acoustic = shot_2d.solver(vp_max=None)
    # Act
    dt_tti, _ = tti.time_axis(shot_2d.vp)
    dt_fast, _ = acoustic.time_axis(shot_2d.vp * np.sqrt(2.0))
    # Assert: the horizontal velocity vp sqrt(1 + 2 eps) sets the step
    assert dt_tti == dt_fast < acoustic.time_axis(shot_2d.vp)[0]


def test_tti_run_wide_epsilon_max_fixes_the_time_axis(shot_2d):
    # Arrange: a shot whose window holds epsilon 0.1, in a run whose largest is 0.5
    shape = shot_2d.vp.shape
    eps = np.full(shape, 0.1, np.float32)
    windowed = _tti(shot_2d, Anisotropy(eps, eps * 0, eps * 0), epsilon_max=0.5)
    widest = _tti(shot_2d, Anisotropy(eps * 5, eps * 0, eps * 0))
    # Act / Assert
    assert windowed.time_axis(shot_2d.vp) == widest.time_axis(shot_2d.vp)


@pytest.mark.parametrize("isic", [False, True])
def test_tti_checkpointed_gradient_equals_the_in_memory_gradient(shot_2d, isic):
    # Arrange
    in_memory, checkpointed = _tti(shot_2d), _tti(shot_2d, checkpointing=True)
    d_obs, _ = in_memory.forward(shot_2d.vp)
    # Act
    g_mem = in_memory.adjoint_born(shot_2d.vp0, d_obs, isic=isic)
    g_cp = checkpointed.adjoint_born(shot_2d.vp0, d_obs, isic=isic)
    # Assert
    np.testing.assert_allclose(g_cp, g_mem, rtol=0, atol=1e-5 * np.abs(g_mem).max())
    assert any(k.endswith("revolve_reverse") for k in checkpointed.timings.sections)


def test_tti_subsampled_history_gives_nearly_the_full_gradient(shot_2d):
    # Arrange: the automatic factor (a rate of 12 x the peak frequency)
    full, subsampled = _tti(shot_2d), _tti(shot_2d, wavefield_subsampling="auto")
    d_obs, _ = full.forward(shot_2d.vp)
    # Act
    f_full, g_full = full.fwi_gradient(shot_2d.vp0, d_obs)
    f_sub, g_sub = subsampled.fwi_gradient(shot_2d.vp0, d_obs)
    # Assert
    gap = np.linalg.norm(g_sub - g_full) / np.linalg.norm(g_full)
    print(f"TTI gradient kept every {subsampled.subsampling_factor} steps: relative "
          f"difference {gap:.2e}")
    assert subsampled.subsampling_factor > 1
    assert f_sub == pytest.approx(f_full, rel=1e-6)
    assert gap < 1e-2


def test_tti_operators_have_their_own_cache_names(shot_2d):
    # Arrange
    solver = _tti(shot_2d, illumination=True)
    # Act
    solver.forward(shot_2d.vp0)
    # Assert: the acoustic names with a -tti suffix, and an illumination of p
    kinds = {kind.name for kind in solver._engine.operators._ops}
    assert kinds == {"forward-illum-tti"}
    assert solver.illumination.shape == shot_2d.vp.shape
    assert isinstance(solver, AcousticSolver)


def test_tti_3d_without_azimuth_is_zero_azimuth(shot_3d):
    # Arrange
    full = _anisotropy(shot_3d.vp.shape)
    without = Anisotropy(full.epsilon, full.delta, full.theta)
    zero = Anisotropy(full.epsilon, full.delta, full.theta, np.zeros_like(full.theta))
    # Act
    records = [_tti(shot_3d, a).forward(shot_3d.vp0)[0] for a in (without, zero, full)]
    # Assert: the same records, and the azimuth changes them
    np.testing.assert_array_equal(records[0], records[1])
    assert np.abs(records[2] - records[1]).max() > 1e-3 * np.abs(records[1]).max()
