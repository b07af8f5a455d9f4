"""Compiled operators run without Devito (``solvers/host_kernel.py``): the same arrays, the same
arguments and, bit for bit, the same results as Devito's ``apply``; a job with its operators kept
imports neither Devito nor sympy; arrays that do not fit the compiled operator are refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from seisless_compute.solvers.host_kernel import ManifestError

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def _every_method(solver, case, *, isic=False):
    """Forward records, Born records, adjoint source trace, both gradients, Born norm."""
    d_obs, _ = solver.forward(case.vp)
    dm = (case.vp0 - case.vp) * 1e-2
    return {
        "forward": d_obs,
        "born": solver.born(case.vp0, dm, isic=isic),
        "adjoint": solver.adjoint(case.vp0, d_obs),
        "lsrtm": solver.lsrtm_gradient(case.vp0, dm, d_obs, isic=isic),
        "fwi": solver.fwi_gradient(case.vp0, d_obs),
        "born_norm": solver.born_norm(case.vp0, dm, isic=isic),
    }


def _flatten(results: dict) -> dict:
    flat = {}
    for name, value in results.items():
        parts = value if isinstance(value, tuple) else (value,)
        for k, part in enumerate(parts):
            flat[f"{name}[{k}]"] = np.asarray(part)
    return flat


@pytest.mark.parametrize(("subsampling", "isic", "illumination"),
                         [(1, False, False), (3, True, True)])
def test_host_kernels_give_devitos_results_bit_for_bit(shot_2d, subsampling, isic, illumination):
    options = {"wavefield_subsampling": subsampling, "illumination": illumination}
    host = shot_2d.solver(host_kernels=True, **options)
    devito = shot_2d.solver(host_kernels=False, **options)

    ours = _flatten(_every_method(host, shot_2d, isic=isic))
    theirs = _flatten(_every_method(devito, shot_2d, isic=isic))

    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name].shape == theirs[name].shape, name
        assert np.array_equal(ours[name], theirs[name]), name
    assert np.any(ours["lsrtm[1]"]) and np.any(ours["born[0]"])
    if illumination:
        assert np.array_equal(host.illumination, devito.illumination)
    assert host.timings.kernel_s > 0 and set(host.timings.sections) == set(
        devito.timings.sections)


def test_host_kernels_in_3d_give_devitos_gradient(shot_3d):
    host, devito = shot_3d.solver(host_kernels=True), shot_3d.solver(host_kernels=False)
    d_obs, _ = devito.forward(shot_3d.vp)

    assert np.array_equal(host.forward(shot_3d.vp)[0], d_obs)
    assert np.array_equal(host.fwi_gradient(shot_3d.vp0, d_obs)[1],
                          devito.fwi_gradient(shot_3d.vp0, d_obs)[1])


@pytest.mark.parametrize("shape", [(30, 20), (12, 10, 8)])
@pytest.mark.parametrize("space_order", [4, 8])
def test_host_arrays_have_devitos_layout(shape, space_order):
    from devito import Grid
    from seisless_compute.solvers.devito_fields import DevitoFieldFactory
    from seisless_compute.solvers.host_fields import HostFieldFactory

    host = HostFieldFactory(shape, space_order, nbl=2)
    devito = DevitoFieldFactory(Grid(shape=shape), space_order, nbl=2)
    ours, theirs = host.fields(nt=7, nrec=5), devito.fields(nt=7, nrec=5)

    for name in ("scale", "keep", "b", "dm", "grad", "illum", "u", "v", "du", "u3", "v3",
                 "src", "rec", "srca"):
        assert getattr(ours, name).shape_allocated == tuple(
            getattr(theirs, name).shape_allocated), name
    assert ours.rec.coordinates.shape_allocated == tuple(theirs.rec.coordinates.shape_allocated)
    assert host.saved_wavefield(7).shape_allocated == tuple(
        devito.saved_wavefield(7).shape_allocated)
    assert host.subsampled_wavefield(7, 3).shape_allocated == tuple(
        devito.subsampled_wavefield(7, 3).shape_allocated)
    physical = host.subsampled_wavefield(7, 3, physical=True)
    assert physical.shape_allocated == tuple(
        devito.subsampled_wavefield(7, 3, physical=True).shape_allocated)
    assert physical.shape_allocated == (3, *(n - 4 for n in shape))
    assert ours.u.data.shape == (2, *shape) and ours.u3.data_with_halo.ctypes.data % 64 == 0


def test_a_job_with_its_operators_kept_imports_neither_devito_nor_sympy(shot_2d, tmp_path):
    shot_2d.solver().fwi_gradient(shot_2d.vp0, shot_2d.solver().forward(shot_2d.vp)[0])
    script = f"""
import sys, numpy as np
sys.path.insert(0, {str(DOCKER)!r})
from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry
grid = Grid({tuple(shot_2d.grid.shape)!r}, {tuple(shot_2d.grid.spacing)!r},
            {tuple(shot_2d.grid.origin)!r})
g = ShotGeometry(np.array({np.asarray(shot_2d.geometry.source).tolist()!r}),
                 np.array({np.asarray(shot_2d.geometry.receivers).tolist()!r}),
                 recording_time_ms={shot_2d.geometry.recording_time_ms!r},
                 peak_frequency_hz={shot_2d.geometry.peak_frequency_hz!r})
vp = np.load({str(tmp_path / 'vp.npy')!r})
solver = AcousticSolver(grid, g, space_order={shot_2d.space_order}, nbl={shot_2d.nbl},
                        cache_dir={str(shot_2d.cache_dir)!r}, vp_max=float(vp.max()))
d, _ = solver.forward(vp)
print(__import__("json").dumps({{"devito": "devito" in sys.modules,
    "sympy": "sympy" in sys.modules, "sources": solver.timings.compile_sources,
    "energy": float(np.sum(d.astype(np.float64) ** 2))}}))
"""
    np.save(tmp_path / "vp.npy", shot_2d.vp)

    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    result = json.loads(out.splitlines()[-1])

    assert result == {"devito": False, "sympy": False, "sources": {"disk": 1},
                      "energy": pytest.approx(result["energy"])}
    assert result["energy"] > 0


def test_an_array_that_does_not_fit_the_compiled_operator_is_refused(shot_2d):
    solver = shot_2d.solver(host_kernels=True)
    solver.forward(shot_2d.vp)
    engine = solver._engine
    kernel = engine.operators.get(engine.kind("forward"))
    b = engine.buffers
    args = engine._args(kernel, b)

    from seisless_compute.solvers.host_fields import HostFunction

    wrong = HostFunction("scale", (5, 5), ((8, 8), (8, 8)))
    with pytest.raises(ManifestError, match="scale has shape"):
        kernel.run(**{**args, "scale": wrong})
    with pytest.raises(ManifestError, match="time samples"):
        kernel.run(**{**args, "time_M": b.nt + 5})
    with pytest.raises(ManifestError, match="not given"):
        kernel.run(**{k: v for k, v in args.items() if k != "src"})
