"""What forward-in-time operators keep besides records: the source-side illumination and a
time-subsampled forward history for the imaging condition."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.errors import InputError
from seisless_compute.operators import subsampled_saves
from seisless_compute.solvers.subsampling import nyquist_subsampling


def _relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


def _sum_of_squares(history, nt: int, nbl: int) -> np.ndarray:
    """``sum_t u[t]^2`` over the steps the operators run (``t = 1 .. nt-2``), cropped."""
    energy = np.sum(np.asarray(history.data[1:nt - 1], dtype=np.float64) ** 2, axis=0)
    return energy[(slice(nbl, -nbl),) * energy.ndim]


def test_illumination_is_the_sum_of_squares_of_the_saved_forward_wavefield(shot_2d):
    # Arrange
    solver = shot_2d.solver(illumination=True)
    # Act
    _, history = solver.forward(shot_2d.vp0, save=True)
    expected = _sum_of_squares(history, solver.nt, shot_2d.nbl)
    # Assert: float32 accumulation over ~340 steps
    assert expected.max() > 0
    np.testing.assert_allclose(solver.illumination, expected, rtol=0,
                               atol=1e-5 * expected.max())


def test_born_illumination_is_that_of_the_background_wavefield(shot_2d):
    # Arrange
    solver = shot_2d.solver(illumination=True)
    _, history = solver.forward(shot_2d.vp0, save=True)
    expected = _sum_of_squares(history, solver.nt, shot_2d.nbl)
    # Act: the Born run propagates the same background (in three buffers)
    solver.born(shot_2d.vp0, np.zeros_like(shot_2d.vp0))
    # Assert
    np.testing.assert_allclose(solver.illumination, expected, rtol=0,
                               atol=1e-5 * expected.max())


def test_illumination_is_refused_when_not_asked_for(shot_2d):
    solver = shot_2d.solver()
    solver.forward(shot_2d.vp0)
    with pytest.raises(RuntimeError, match="illumination was not asked for"):
        _ = solver.illumination


def test_a_subsampling_factor_of_one_keeps_the_gradient_unchanged(shot_2d):
    # Arrange
    d_obs, _ = shot_2d.solver().forward(shot_2d.vp)
    # Act
    f_ref, g_ref = shot_2d.solver().fwi_gradient(shot_2d.vp0, d_obs)
    f_one, g_one = shot_2d.solver(wavefield_subsampling=1, illumination=True).fwi_gradient(
        shot_2d.vp0, d_obs)
    # Assert
    assert f_one == f_ref
    np.testing.assert_array_equal(g_one, g_ref)


#: The subsampled gradient's relative L2 error against every step's, measured 0.10-0.11 %
#: (FWI, k = 2, 4 and 'auto' = 4 here); the bound leaves room for compiler differences.
SUBSAMPLED_TOLERANCE = 5e-3


@pytest.mark.parametrize("factor", [2, 4, "auto"])
def test_the_subsampled_fwi_gradient_is_close_to_every_steps(shot_2d, factor):
    # Arrange
    d_obs, _ = shot_2d.solver().forward(shot_2d.vp)
    f_ref, g_ref = shot_2d.solver().fwi_gradient(shot_2d.vp0, d_obs)
    solver = shot_2d.solver(wavefield_subsampling=factor)
    # Act
    f_sub, g_sub = solver.fwi_gradient(shot_2d.vp0, d_obs)
    # Assert
    assert solver.subsampling_factor > 1
    assert f_sub == f_ref  # the records do not depend on what is kept
    assert _relative(g_sub, g_ref) < SUBSAMPLED_TOLERANCE


def test_the_subsampled_lsrtm_isic_gradient_is_close_to_every_steps(shot_2d):
    # Arrange
    d_obs, _ = shot_2d.solver().forward(shot_2d.vp)
    dm = np.zeros_like(shot_2d.vp0)
    _, g_ref = shot_2d.solver().lsrtm_gradient(shot_2d.vp0, dm, d_obs, isic=True)
    # Act
    _, g_sub = shot_2d.solver(wavefield_subsampling=4).lsrtm_gradient(
        shot_2d.vp0, dm, d_obs, isic=True)
    # Assert
    assert _relative(g_sub, g_ref) < SUBSAMPLED_TOLERANCE


def test_the_automatic_factor_samples_at_twelve_times_the_peak_frequency():
    # 10 Hz peak: a rate of 120 Hz, i.e. every 8.33 ms
    assert nyquist_subsampling(1.77, 10.0) == 4
    assert nyquist_subsampling(0.5, 15.0) == 11
    assert nyquist_subsampling(5.0, 30.0) == 1  # never below every step


def test_subsampling_with_checkpointing_is_refused(shot_2d):
    with pytest.raises(InputError, match="wavefieldSubsampling"):
        shot_2d.solver(checkpointing=True, wavefield_subsampling=4)


@pytest.mark.parametrize("value", [0, -2, 2.5, "every"])
def test_a_bad_subsampling_factor_is_refused(shot_2d, value):
    with pytest.raises(ValueError, match="wavefield subsampling"):
        shot_2d.solver(wavefield_subsampling=value)


@pytest.mark.parametrize(("nt", "factor"), [(849, 4), (340, 4), (341, 3), (10, 12)])
def test_the_subsampled_history_covers_the_time_range_devito_checks(nt, factor):
    # Devito allows time indices 0 .. factor * size - 1 and refuses an operator whose records
    # (nt samples) reach beyond: the size must be ceil(nt / factor), not (nt - 2) // factor + 1.
    size = subsampled_saves(nt, factor)
    assert factor * size >= nt
    assert factor * (size - 1) < nt


@pytest.mark.parametrize("gradient", ["fwi", "lsrtm"])
def test_a_history_of_the_physical_region_gives_the_whole_grids_gradient(shot_2d, monkeypatch,
                                                                         gradient):
    # Arrange: the same subsampled gradient from a history of the whole grid (the reference)
    # and from one of the physical region only (what a standard-imaging run keeps)
    from seisless_compute.solvers.engine import SolverEngine

    d_obs, _ = shot_2d.solver().forward(shot_2d.vp)
    dm = 1e-3 * np.ones_like(shot_2d.vp0)

    def run(solver):
        if gradient == "fwi":
            return solver.fwi_gradient(shot_2d.vp0, d_obs)
        return solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs)

    physical = shot_2d.solver(wavefield_subsampling=4)
    # Act
    f_phys, g_phys = run(physical)
    history = physical._engine.buffers.subsampled_history
    with monkeypatch.context() as patch:
        patch.setattr(SolverEngine, "_physical_history", lambda self, factor, isic: False)
        whole = shot_2d.solver(wavefield_subsampling=4)
        f_ref, g_ref = run(whole)
        whole_history = whole._engine.buffers.subsampled_history
    # Assert: bit for bit, with the history holding the physical grid only
    assert f_phys == f_ref
    np.testing.assert_array_equal(g_phys, g_ref)
    assert np.abs(g_ref).max() > 0
    assert history.shape_allocated[1:] == tuple(shot_2d.vp0.shape)
    assert whole_history.shape_allocated[1:] == tuple(
        n + 2 * (shot_2d.nbl + shot_2d.space_order) for n in shot_2d.vp0.shape)


@pytest.mark.parametrize("gradient", ["fwi", "lsrtm"])
def test_leaving_the_muted_rows_out_of_the_history_keeps_the_gradient_below_them(shot_2d,
                                                                               gradient):
    # Arrange: the demo's kind of run (host kernels, a history of the physical region every
    # 4th step), with and without the top rows a water mute zeroes anyway
    top = 12
    d_obs, _ = shot_2d.solver().forward(shot_2d.vp)
    dm = 1e-3 * np.ones_like(shot_2d.vp0)

    def run(solver):
        if gradient == "fwi":
            return solver.fwi_gradient(shot_2d.vp0, d_obs)
        return solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs)

    whole = shot_2d.solver(wavefield_subsampling=4)
    narrowed = shot_2d.solver(wavefield_subsampling=4, muted_rows=top)

    # Act
    f_whole, g_whole = run(whole)
    f_narrowed, g_narrowed = run(narrowed)

    # Assert: the same objective and, below the muted rows, the same gradient bit for bit;
    # nothing summed above them, from a history that does not hold them
    assert f_narrowed == f_whole
    np.testing.assert_array_equal(g_narrowed[:, top:], g_whole[:, top:])
    assert not g_narrowed[:, :top].any() and np.abs(g_whole[:, :top]).max() > 0
    nx, nz = shot_2d.vp0.shape
    assert narrowed._engine.buffers.subsampled_history.shape_allocated[1:] == (nx, nz - top)


def test_a_water_mute_names_the_rows_it_zeroes_in_every_column():
    from seisless_compute.processing.precondition import WaterMute, muted_rows

    vp = np.full((4, 10), 2.0, np.float32)
    vp[:, :3] = 1.5
    vp[2, 3] = 1.5  # one column's water goes a row deeper

    assert muted_rows(vp, WaterMute(velocity_below_ms=1600), dz=10.0) == 3
    assert muted_rows(vp, WaterMute(depth_m=45.0), dz=10.0) == 5  # rows at 0 … 40 m
    assert muted_rows(vp, WaterMute(depth_m=45.0), dz=10.0, z0=-20.0) == 7
    assert muted_rows(np.full((4, 10), 1.5, np.float32), WaterMute(velocity_below_ms=1600),
                      dz=10.0) == 10  # all water: every row


def test_a_host_kernel_narrows_its_region_only_within_the_compiled_one(shot_2d):
    # Arrange: the gradient operator of a physical-region history, loaded as a host kernel
    from seisless_compute.solvers.host_kernel import HostKernel, ManifestError

    engine = shot_2d.solver(wavefield_subsampling=4)._engine
    op = engine.operators.get(engine.kind("gradient", save=True, subsampled=True,
                                          physical=True))
    nbl, (nx, nz) = shot_2d.nbl, shot_2d.vp0.shape
    assert isinstance(op, HostKernel)

    # Act / Assert: narrowed from the top, the history's shape follows; anything else refused
    assert op._narrowed({"y_ltkn0": nbl + 5}) == {"y_ltkn0": nbl + 5}
    assert op._region.narrow([None, nx, nz], {"y_ltkn0": nbl + 5}) == [None, nx, nz - 5]
    assert op._region.narrow([3, nx + 2 * nbl + 16, nz + 2 * nbl + 16],
                             {"y_ltkn0": nbl + 5}) == [3, nx + 2 * nbl + 16, nz + 2 * nbl + 16]
    for bad in ({"q_ltkn0": nbl}, {"y_ltkn0": nbl - 1}, {"y_ltkn0": nbl + nz}):
        with pytest.raises(ManifestError):
            op._narrowed(bad)


def test_a_3d_history_leaves_the_muted_rows_out_along_z(shot_3d):
    # Arrange: the region's top along the grid's last axis, z in 3D
    top = 6
    d_obs, _ = shot_3d.solver().forward(shot_3d.vp)
    whole = shot_3d.solver(wavefield_subsampling=2)
    narrowed = shot_3d.solver(wavefield_subsampling=2, muted_rows=top)

    # Act
    f_whole, g_whole = whole.fwi_gradient(shot_3d.vp0, d_obs)
    f_narrowed, g_narrowed = narrowed.fwi_gradient(shot_3d.vp0, d_obs)

    # Assert
    assert f_narrowed == f_whole
    np.testing.assert_array_equal(g_narrowed[..., top:], g_whole[..., top:])
    assert not g_narrowed[..., :top].any() and np.abs(g_whole[..., :top]).max() > 0
    shape = shot_3d.vp0.shape
    assert narrowed._engine.buffers.subsampled_history.shape_allocated[1:] == (
        *shape[:-1], shape[-1] - top)
