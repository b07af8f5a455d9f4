"""TTI through whole jobs (``python -m seisless_compute model`` and ``gradient`` as AWS Batch runs
them): the model job writes the parameters of a TTI preset or refuses bad ones naming the
parameter and writing nothing; a small 2D TTI gradient job builds a TTISolver from them."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.models import presets

RUN = "runs/test"
SHAPE = (61, 41)
TTI_OUTPUTS = {name: f"{RUN}/inputs/{name}.npy" for name in ("epsilon", "delta", "theta")}


def _model_task(edge_task_file, model: dict) -> dict:
    return edge_task_file(
        "model", iteration=0, shots=[], physics={"kind": "tti"}, model=model,
        outputs={"model": f"{RUN}/inputs/model.npy", "timings": f"{RUN}/timings/model.json",
                 **TTI_OUTPUTS})


def _run(cloud, task: str, spec: dict, **env: str):
    key = cloud.put_json(f"{RUN}/tasks/{task}-{spec['iteration']}.json", spec)
    return cloud.run(task, key, **env)


@pytest.fixture(scope="module")
def tti_bucket(make_cloud, edge_task_file):
    """A bucket after the model job of a 2D layered-tti run."""
    cloud = make_cloud()
    done = _run(cloud, "model", _model_task(edge_task_file, {
        "preset": "layered-tti", "shape": list(SHAPE), "spacing": [10, 10]}))
    assert done.returncode == 0, done.stderr
    return cloud


def test_the_model_job_writes_the_presets_tti_parameters_in_degrees(tti_bucket):
    preset = presets.build("layered-tti", SHAPE, (10.0, 10.0))
    for name, key in TTI_OUTPUTS.items():
        np.testing.assert_array_equal(tti_bucket.get_npy(key), getattr(preset, name))
    assert tti_bucket.get_npy(TTI_OUTPUTS["theta"]).max() == 30.0  # degrees, as the spec


@pytest.mark.parametrize(("anisotropy", "message"), [
    ({"epsilon": 0.05, "delta": 0.1, "theta": 0}, "epsilon below delta"),
    ({"epsilon": "uploads/eps.npy", "delta": 0.0, "theta": 0}, "model.anisotropy.epsilon"),
    ({"epsilon": 0.1, "delta": 0.0, "theta": "uploads/theta.npy"}, "theta from"),
])
def test_bad_tti_inputs_are_refused_in_one_line_naming_the_parameter_and_nothing_written(
        make_cloud, edge_task_file, anisotropy, message):
    cloud = make_cloud()
    cloud.put_npy("uploads/vp.npy", np.full(SHAPE, 2.0, np.float32))
    bad_eps = np.full(SHAPE, 0.1, np.float32)
    bad_eps[3, 4] = np.nan
    cloud.put_npy("uploads/eps.npy", bad_eps)
    cloud.put_npy("uploads/theta.npy", np.full(SHAPE, 1.2e2, np.float32))  # beyond 90 degrees
    done = _run(cloud, "model", _model_task(edge_task_file, {
        "key": "uploads/vp.npy", "shape": list(SHAPE), "spacing": [10, 10],
        "anisotropy": anisotropy}))

    assert done.returncode == 2  # bad input (errors.InputError/ValidationError exit code)
    error_lines = [line for line in done.stderr.splitlines() if message in line]
    print(error_lines)
    assert len(error_lines) == 1
    assert cloud.keys(f"{RUN}/inputs/") == []


def test_a_2d_tti_gradient_job_runs_a_tti_solver_on_the_models_parameters(
        tti_bucket, edge_task_file):
    vp = tti_bucket.get_npy(f"{RUN}/inputs/model.npy")
    tti_bucket.put_npy(f"{RUN}/inputs/background.npy", presets.smooth(vp, 60.0, (10.0, 10.0)))
    observe = edge_task_file(
        "observe", iteration=0, physics={"kind": "tti", "spaceOrder": 4, "nbl": 10},
        inputs={"velocity": f"{RUN}/inputs/model.npy", **TTI_OUTPUTS},
        outputs={"data": f"{RUN}/data/shot-{{shot}}.npy",
                 "timings": f"{RUN}/timings/observe-{{shot}}.json"})
    assert _run(tti_bucket, "observe", observe, SEISLESS_SHOT="1").returncode == 0
    gradient = edge_task_file(
        "gradient", algorithm="rtm", physics={"kind": "tti", "spaceOrder": 4, "nbl": 10},
        inputs={"velocity": f"{RUN}/inputs/background.npy",
                "data": f"{RUN}/data/shot-{{shot}}.npy", **TTI_OUTPUTS})
    done = _run(tti_bucket, "gradient", gradient, SEISLESS_SHOT="1")
    assert done.returncode == 0, done.stderr

    image = tti_bucket.get_npy(f"{RUN}/iterations/1/gradients/shot-1.npy")
    timings = tti_bucket.get_json(f"{RUN}/iterations/1/timings/gradient-shot-1.json")
    print(f"TTI RTM image norm {np.linalg.norm(image):.3e}, timings keys {sorted(timings)[:6]}")
    assert image.shape == SHAPE and np.isfinite(image).all() and np.abs(image).max() > 0
