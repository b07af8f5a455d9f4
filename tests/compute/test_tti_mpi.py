"""A 3D TTI gradient with Devito's domain decomposition on two MPI ranks equals the serial one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pytest

_SCRIPT = textwrap.dedent("""
    import sys
    import numpy as np
    from seisless_compute.solvers import Anisotropy, Grid, ShotGeometry, TTISolver
    from seisless_compute.solvers.distributed import is_root
    from seisless_compute.solvers.environment import mpi_comm

    shape, h = (31, 31, 31), (10.0, 10.0, 10.0)
    depth = np.linspace(0.0, 1.0, shape[-1]) * np.ones(shape, np.float32)
    vp = (1.8 + 0.7 * (depth > 0.5)).astype(np.float32)
    vp0 = (1.8 + 0.7 * depth).astype(np.float32)
    anisotropy = Anisotropy(epsilon=0.1 + 0.1 * depth, delta=0.05 + 0.03 * depth,
                            theta=0.2 + 0.4 * depth, phi=0.3 + 0.5 * depth)
    lateral = np.linspace(50.0, 250.0, 4)
    x, y = np.meshgrid(lateral, lateral, indexing="ij")
    receivers = np.stack([x.ravel(), y.ravel(), np.full(x.size, 20.0)], 1)
    geometry = ShotGeometry(np.array([150.0, 150.0, 20.0]), receivers, recording_time_ms=200.0,
                            peak_frequency_hz=15.0)
    solver = TTISolver(Grid(shape, h, (0.0,) * 3), geometry, anisotropy=anisotropy, nbl=8,
                       vp_max=2.5, cache_dir=sys.argv[2])
    d_obs, _ = solver.forward(vp)
    value, gradient = solver.fwi_gradient(vp0, d_obs)
    if is_root():
        ranks = 1 if mpi_comm() is None else mpi_comm().Get_size()
        np.savez(sys.argv[1], d_obs=d_obs, value=value, gradient=gradient, ranks=ranks)
    else:
        assert gradient.size == 0
""")


@pytest.mark.skipif(shutil.which("mpirun") is None, reason="needs OpenMPI's mpirun")
def test_3d_tti_gradient_on_two_ranks_equals_one_rank(tmp_path, physics_cache):
    # Arrange
    script = tmp_path / "tti_shot.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    env.pop("DEVITO_MPI", None)
    mpirun = ["mpirun", "-n", "2", "--allow-run-as-root", "--oversubscribe"]
    # Act
    for prefix, name in (([], "serial"), (mpirun, "mpi")):
        command = [*prefix, sys.executable, str(script), str(tmp_path / f"{name}.npz"),
                   str(physics_cache / f"tti-{name}")]
        subprocess.run(command, check=True, env=env, timeout=1500, capture_output=True)
    serial, mpi = np.load(tmp_path / "serial.npz"), np.load(tmp_path / "mpi.npz")
    # Assert
    gap = np.abs(mpi["gradient"] - serial["gradient"]).max() / np.abs(serial["gradient"]).max()
    print(f"3D TTI gradient, 2 ranks against 1: max difference {gap:.2e} of the max")
    assert int(serial["ranks"]) == 1 and int(mpi["ranks"]) == 2
    np.testing.assert_allclose(mpi["d_obs"], serial["d_obs"], rtol=0,
                               atol=1e-5 * np.abs(serial["d_obs"]).max())
    assert float(mpi["value"]) == pytest.approx(float(serial["value"]), rel=1e-5)
    assert gap < 1e-5
