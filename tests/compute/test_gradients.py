"""Gradients: Taylor test of FWI, LS-RTM from its parts, checkpointing, MPI against serial."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest


def _bump(shape, amplitude):
    """A smooth perturbation of ``m`` vanishing near the grid's edges."""
    axes = [np.sin(np.pi * np.clip((np.arange(n) - 5) / (n - 11), 0, 1)) ** 2 for n in shape]
    return (amplitude * np.prod(np.meshgrid(*axes, indexing="ij"), axis=0)).astype(np.float32)


def test_fwi_gradient_passes_the_taylor_test(shot_2d):
    # Arrange: observed data of the true model; start from the smooth background; steps 2^-k.
    # In float32 the objective carries ~1e-4 of rounding noise, so the second-order remainder
    # is fitted over the 4 largest steps (where it dominates the noise) and the first-order one
    # over the 4 smallest (where the curvature is negligible against the slope).
    solver = shot_2d.solver(vp_max=3.0)
    d_obs, _ = solver.forward(shot_2d.vp)
    m0 = 1.0 / shot_2d.vp0.astype(np.float64) ** 2
    dm = _bump(m0.shape, 0.1)
    steps = 2.0 ** -np.arange(1, 9)
    # Act
    f0, gradient = solver.fwi_gradient(shot_2d.vp0, d_obs)
    slope = float(np.dot(gradient.ravel().astype(np.float64), dm.ravel()))
    values = np.array([solver.objective((1.0 / np.sqrt(m0 + h * dm)).astype(np.float32), d_obs)
                       for h in steps])
    first = np.abs(values - f0)
    second = np.abs(values - f0 - steps * slope)
    # Assert: first-order remainder O(h), second-order O(h^2)
    order_1 = np.polyfit(np.log(steps[4:]), np.log(first[4:]), 1)[0]
    order_2 = np.polyfit(np.log(steps[:4]), np.log(second[:4]), 1)[0]
    assert order_1 == pytest.approx(1.0, abs=0.1)
    assert order_2 == pytest.approx(2.0, abs=0.1)


@pytest.mark.parametrize("isic", [False, True])
def test_lsrtm_gradient_is_the_adjoint_born_of_the_born_residual(shot_2d, isic):
    # Arrange
    solver = shot_2d.solver()
    dm = _bump(shot_2d.vp.shape, 0.02)
    d_obs = solver.born(shot_2d.vp0, 2 * dm, isic=isic)
    # Act
    value, gradient = solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs, isic=isic)
    residual = solver.born(shot_2d.vp0, dm, isic=isic) - d_obs
    image = solver.adjoint_born(shot_2d.vp0, residual, isic=isic)
    # Assert
    assert value == pytest.approx(0.5 * np.sum(residual.astype(np.float64) ** 2), rel=1e-5)
    assert gradient.shape == shot_2d.vp.shape and gradient.dtype == np.float32
    np.testing.assert_allclose(gradient, image, rtol=0, atol=1e-6 * np.abs(image).max())
    born = solver.born(shot_2d.vp0, dm, isic=isic).astype(np.float64)
    assert solver.born_norm(shot_2d.vp0, dm, isic=isic) == pytest.approx(np.sum(born**2))
    # b = 1/m, a grid-sized array, is allocated only when an ISIC operator reads it
    assert (solver._engine.buffers.fields.b._data is not None) == isic


def test_fwi_gradient_is_the_adjoint_born_of_the_residual(shot_2d):
    # Arrange
    solver = shot_2d.solver()
    d_obs, _ = solver.forward(shot_2d.vp)
    # Act
    value, gradient = solver.fwi_gradient(shot_2d.vp0, d_obs)
    residual = solver.forward(shot_2d.vp0)[0] - d_obs
    image = solver.adjoint_born(shot_2d.vp0, residual)
    # Assert
    assert value == pytest.approx(solver.objective(shot_2d.vp0, d_obs), rel=1e-6)
    np.testing.assert_allclose(gradient, image, rtol=0, atol=1e-6 * np.abs(image).max())


@pytest.mark.parametrize("algorithm", ["fwi", "lsrtm-isic", "rtm"])
def test_checkpointed_gradient_equals_the_in_memory_gradient(shot_2d, algorithm):
    # Arrange
    in_memory, checkpointed = shot_2d.solver(), shot_2d.solver(checkpointing=True)
    d_obs, _ = in_memory.forward(shot_2d.vp)
    dm = _bump(shot_2d.vp.shape, 0.02)

    def gradient(solver):
        if algorithm == "fwi":
            return solver.fwi_gradient(shot_2d.vp0, d_obs)
        if algorithm == "rtm":
            return 0.0, solver.adjoint_born(shot_2d.vp0, d_obs)
        return solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs, isic=True)

    # Act
    (f_mem, g_mem), (f_cp, g_cp) = gradient(in_memory), gradient(checkpointed)
    # Assert
    assert f_cp == pytest.approx(f_mem, rel=1e-6)
    np.testing.assert_allclose(g_cp, g_mem, rtol=0, atol=1e-5 * np.abs(g_mem).max())
    assert any(k.endswith("revolve_reverse") for k in checkpointed.timings.sections)


_MPI_SCRIPT = textwrap.dedent("""
    import sys
    import numpy as np
    from seisless_compute.models import presets
    from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry
    from seisless_compute.solvers.distributed import is_root
    from seisless_compute.solvers.environment import mpi_comm

    shape, h = (61, 51), (10.0, 10.0)
    vp = presets.layered(shape, h, velocities=(1.5, 2.0, 2.5)).vp
    vp0 = presets.smooth(vp, 50.0, h)
    receivers = np.stack([np.linspace(50, 550, 11), np.full(11, 20.0)], 1)
    geometry = ShotGeometry(np.array([300.0, 20.0]), receivers, recording_time_ms=400.0,
                            peak_frequency_hz=12.0)
    solver = AcousticSolver(Grid(shape, h, (0.0, 0.0)), geometry, nbl=10, vp_max=2.5,
                            cache_dir=sys.argv[2], wavefield_subsampling=int(sys.argv[3]))
    d_obs, _ = solver.forward(vp)
    value, gradient = solver.fwi_gradient(vp0, d_obs)
    if is_root():
        ranks = 1 if mpi_comm() is None else mpi_comm().Get_size()
        np.savez(sys.argv[1], d_obs=d_obs, value=value, gradient=gradient, ranks=ranks)
    else:
        assert gradient.size == 0
""")


@pytest.mark.parametrize("subsampling", [1, 4])
def test_mpi_run_on_two_ranks_equals_the_serial_run(tmp_path, physics_cache, subsampling):
    # Arrange: k = 4 keeps the history of the physical region only, split between the ranks
    script = tmp_path / "fwi_shot.py"
    script.write_text(_MPI_SCRIPT)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    env.pop("DEVITO_MPI", None)
    mpirun = ["mpirun", "-n", "2", "--allow-run-as-root", "--oversubscribe"]
    # Act
    for prefix, name in (([], "serial"), (mpirun, "mpi")):
        command = [*prefix, sys.executable, str(script), str(tmp_path / f"{name}.npz"),
                   str(physics_cache / name), str(subsampling)]
        subprocess.run(command, check=True, env=env, timeout=600, capture_output=True)
    serial, mpi = np.load(tmp_path / "serial.npz"), np.load(tmp_path / "mpi.npz")
    # Assert
    assert int(serial["ranks"]) == 1 and int(mpi["ranks"]) == 2
    np.testing.assert_allclose(mpi["d_obs"], serial["d_obs"], rtol=0,
                               atol=1e-5 * np.abs(serial["d_obs"]).max())
    assert float(mpi["value"]) == pytest.approx(float(serial["value"]), rel=1e-5)
    np.testing.assert_allclose(mpi["gradient"], serial["gradient"], rtol=0,
                               atol=1e-5 * np.abs(serial["gradient"]).max())
