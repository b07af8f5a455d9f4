"""Operators and solver modelling: adjoint (dot-product) tests, kinematics, absorbing layer,
time axis, wavelet and resampling."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.errors import InputError
from seisless_compute.operators import critical_dt
from seisless_compute.solvers import resample, ricker


def _relative_gap(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b))


@pytest.mark.parametrize("case", ["shot_2d", "shot_3d"])
def test_forward_and_adjoint_pass_the_dot_test(case, request):
    # Arrange
    shot = request.getfixturevalue(case)
    solver = shot.solver()
    rng = np.random.default_rng(1)
    # Act
    data, _ = solver.forward(shot.vp0)
    residual = rng.standard_normal(data.shape).astype(np.float32)
    back = solver.adjoint(shot.vp0, residual)
    wavelet = ricker(shot.geometry.peak_frequency_hz, solver.dt_ms, solver.nt)
    # Assert: <F s, r> = <s, F^T r>
    lhs = np.dot(data.ravel().astype(np.float64), residual.ravel())
    rhs = np.dot(wavelet.astype(np.float64), back)
    assert _relative_gap(lhs, rhs) < 1e-4


@pytest.mark.parametrize(("case", "isic"), [("shot_2d", False), ("shot_2d", True),
                                            ("shot_3d", False)])
def test_born_and_adjoint_born_pass_the_dot_test(case, isic, request):
    # Arrange
    shot = request.getfixturevalue(case)
    solver = shot.solver()
    rng = np.random.default_rng(2)
    dm = (rng.standard_normal(shot.vp.shape) * 0.01).astype(np.float32)
    # Act
    linear = solver.born(shot.vp0, dm, isic=isic)
    residual = rng.standard_normal(linear.shape).astype(np.float32)
    image = solver.adjoint_born(shot.vp0, residual, isic=isic)
    # Assert: <J dm, r> = <dm, J^T r>
    lhs = np.dot(linear.ravel().astype(np.float64), residual.ravel())
    rhs = np.dot(dm.ravel().astype(np.float64), image.ravel())
    assert _relative_gap(lhs, rhs) < 1e-4


def test_direct_wave_arrives_at_offset_over_velocity(shot_2d):
    # Arrange: homogeneous 2 km/s; the Ricker wavelet peaks at 1/f0 = 100 ms
    solver = shot_2d.solver()
    vp = np.full(shot_2d.vp.shape, 2.0, dtype=np.float32)
    offsets = np.abs(shot_2d.geometry.receivers[:, 0] - shot_2d.geometry.source[0])
    # Act
    data, _ = solver.forward(vp)
    # Assert: the envelope peak of the far traces is at 100 ms + offset / v (2D: a small lag)
    far = offsets >= 300
    peaks = np.argmax(np.abs(data[:, far]), axis=0) * solver.dt_ms
    expected = 100.0 + offsets[far] / 2.0
    assert np.all(np.abs(peaks - expected) < 15.0)


def test_absorbing_layer_leaves_little_boundary_reflection(shot_2d):
    # Arrange: 1.2 s of a shot 200 m deep, with the default 40-point layer, and the same shot
    # in a model large enough for no boundary response to come back within the recording
    from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry

    g = shot_2d.geometry
    geometry = ShotGeometry(g.source + [0.0, 180.0], g.receivers + [0.0, 180.0],
                            recording_time_ms=1200.0, peak_frequency_hz=g.peak_frequency_hz)
    small = AcousticSolver(shot_2d.grid, geometry, nbl=40, cache_dir=shot_2d.cache_dir)
    big_grid = Grid((301, 301), (10.0, 10.0), (-1000.0, -1000.0))
    big = AcousticSolver(big_grid, geometry, nbl=10, cache_dir=shot_2d.cache_dir)
    # Act
    near, _ = small.forward(np.full((101, 101), 2.0, np.float32))
    reference, _ = big.forward(np.full((301, 301), 2.0, np.float32))
    # Assert: same time axis; what the layer sends back is below 3 % of the recorded energy
    assert small.dt_ms == big.dt_ms and small.nt == big.nt
    assert np.linalg.norm(near - reference) / np.linalg.norm(reference) < 0.03


def test_time_axis_is_stable_and_checked_against_vp_max(shot_2d):
    # Arrange
    solver = shot_2d.solver(vp_max=3.0)
    h = shot_2d.grid.spacing
    # Act
    dt, nt = solver.time_axis(shot_2d.vp)
    # Assert
    assert dt <= 0.8 * critical_dt(h, 8, 3.0) and dt > 0.79 * critical_dt(h, 8, 3.0)
    assert (nt - 1) * dt >= shot_2d.geometry.recording_time_ms > (nt - 2) * dt
    with pytest.raises(InputError, match="vp_max"):
        solver.time_axis(shot_2d.vp * 1.3)


def test_ricker_peaks_at_its_delay_with_unit_amplitude():
    wavelet = ricker(10.0, 1.0, 300)
    assert wavelet.dtype == np.float32
    assert np.argmax(wavelet) == 100 and wavelet.max() == pytest.approx(1.0)


@pytest.mark.parametrize(("dt_in", "dt_out"), [(1.0, 1.77), (2.0, 0.5)])
def test_resample_reproduces_a_band_limited_signal(dt_in, dt_out):
    # Arrange: a 12 Hz wavelet, well below both Nyquist frequencies
    t_in = np.arange(600) * dt_in
    signal = np.stack([ricker(12.0, dt_in, 600), 2 * ricker(12.0, dt_in, 600)], 1)
    nt_out = int(t_in[-1] / dt_out) - 20
    # Act
    out = resample(signal, dt_in_ms=dt_in, dt_out_ms=dt_out, nt_out=nt_out)
    # Assert
    expected = ricker(12.0, dt_out, nt_out)
    assert out.shape == (nt_out, 2) and out.dtype == np.float32
    assert np.max(np.abs(out[:, 0] - expected)) < 2e-3
    assert np.allclose(out[:, 1], 2 * out[:, 0], atol=1e-6)


def test_resampling_a_wide_record_equals_resampling_each_trace_to_the_bit():
    # Arrange: more traces than one block of output samples holds (the sums run by blocks)
    record = np.random.default_rng(3).standard_normal((700, 301)).astype(np.float32)
    # Act
    whole = resample(record, dt_in_ms=2.0, dt_out_ms=1.26, nt_out=1100)
    # Assert
    traces = [resample(record[:, j], dt_in_ms=2.0, dt_out_ms=1.26, nt_out=1100)
              for j in (0, 150, 300)]
    assert np.array_equal(whole[:, [0, 150, 300]], np.stack(traces, 1))
