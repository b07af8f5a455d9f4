"""Reflection data for migration: the background record ``F(m0)``, Born-modelled observed data,
and the spec's preprocessing applied alike by the gradient, objective and born-norm jobs."""

from __future__ import annotations

import numpy as np
import pytest

RUN = "runs/test"
PREPROCESSING = {"topMute": {"velocityMS": 1500, "shiftMs": 60, "taperMs": 30},
                 "bandpass": {"lowHz": 3, "highHz": 25}}


def _true_model() -> np.ndarray:
    vp = np.full((61, 41), 1.5, np.float32)
    vp[:, 20:] = 2.5
    return vp


def _background() -> np.ndarray:
    vp = np.full((61, 41), 1.5, np.float32)
    vp[:, 20:] = 1.5 + np.linspace(0.0, 1.0, 21, dtype=np.float32)  # smooth below the interface
    return vp


def _run(cloud, task: str, spec: dict, **env: str):
    key = cloud.put_json(f"{RUN}/iterations/{spec['iteration']}/tasks/{task}-{id(spec)}.json",
                         spec)
    done = cloud.run(task, key, **env)
    assert done.returncode == 0, done.stderr


def test_background_residual_is_the_born_record_to_first_order(shot_2d):
    # Arrange: F(m0 + eps dm) - F(m0) against eps J dm, for two eps
    solver = shot_2d.solver()
    m0 = 1.0 / shot_2d.vp0.astype(np.float64) ** 2
    dm = 1.0 / shot_2d.vp.astype(np.float64) ** 2 - m0
    background = solver.forward(shot_2d.vp0)[0].astype(np.float64)
    born = solver.born(shot_2d.vp0, dm.astype(np.float32)).astype(np.float64)

    # Act
    errors = []
    for eps in (0.4, 0.2):
        vp_eps = (1.0 / np.sqrt(m0 + eps * dm)).astype(np.float32)
        residual = solver.forward(vp_eps)[0].astype(np.float64) - background
        errors.append(np.linalg.norm(residual - eps * born) / np.linalg.norm(eps * born))

    # Assert: small, and halving eps halves it (the remainder is second order in eps)
    assert errors[0] < 0.1, errors
    assert errors[1] == pytest.approx(errors[0] / 2, rel=0.2)


@pytest.fixture(scope="module")
def born_observed(make_cloud, edge_task_file):
    """A bucket with both models and Born-modelled records of both shots."""
    cloud = make_cloud()
    cloud.put_npy(f"{RUN}/inputs/model.npy", _true_model())
    cloud.put_npy(f"{RUN}/inputs/background.npy", _background())
    spec = edge_task_file("observe", iteration=0, observed={"modelling": "born"},
                          inputs={"velocity": f"{RUN}/inputs/model.npy",
                                  "background": f"{RUN}/inputs/background.npy"})
    for index in ("0", "1"):
        _run(cloud, "observe", spec, AWS_BATCH_JOB_ARRAY_INDEX=index)
    return cloud


def test_born_observed_data_is_fitted_exactly_by_the_true_perturbation(born_observed,
                                                                         edge_task_file):
    # Arrange: LS-RTM's objective at the true image dm = 1/vp² - 1/vp0²
    dm = 1.0 / _true_model().astype(np.float64) ** 2 - 1.0 / _background().astype(np.float64) ** 2
    image = born_observed.put_npy(f"{RUN}/iterations/1/true-image.npy", dm.astype(np.float32))
    record = born_observed.get_npy(f"{RUN}/data/shot-0.npy").astype(np.float64)
    spec = edge_task_file("gradient", iteration=1, algorithm="lsrtm",
                          inputs={"velocity": f"{RUN}/inputs/background.npy", "image": image,
                                  "data": f"{RUN}/data/shot-{{shot}}.npy"},
                          outputs={"gradient": f"{RUN}/iterations/1/gradients/shot-{{shot}}.npy",
                                   "timings": f"{RUN}/t1-{{shot}}.json"})

    # Act
    _run(born_observed, "gradient", spec, SEISLESS_SHOT="0")

    # Assert: a reflection-only record (nothing before the first reflection) fitted to rounding
    objective = born_observed.get_json(f"{RUN}/t1-0.json")
    assert np.abs(record).max() > 0
    assert objective["objective"] < 1e-8 * 0.5 * np.sum(record**2)


def test_the_background_record_is_modelled_once_then_read(born_observed, edge_task_file):
    # Arrange: an RTM job whose data is the true model's full record
    cloud = born_observed
    full = edge_task_file("observe", iteration=0, inputs={"velocity": f"{RUN}/inputs/model.npy"},
                          outputs={"data": f"{RUN}/full/shot-{{shot}}.npy",
                                   "timings": f"{RUN}/full/timings-{{shot}}.json"})
    _run(cloud, "observe", full, SEISLESS_SHOT="0")
    background_key = f"{RUN}/background-data/shot-{{shot}}.npy"
    spec = edge_task_file("gradient", iteration=2, algorithm="rtm",
                          inputs={"velocity": f"{RUN}/inputs/background.npy",
                                  "data": f"{RUN}/full/shot-{{shot}}.npy",
                                  "backgroundData": background_key},
                          outputs={"gradient": f"{RUN}/iterations/2/gradients/shot-{{shot}}.npy",
                                   "timings": f"{RUN}/t2-{{shot}}.json"})

    # Act: the first job models F(m0) and stores it; a second finds the stored one
    _run(cloud, "gradient", spec, SEISLESS_SHOT="0")
    stored = cloud.get_npy(f"{RUN}/background-data/shot-0.npy")
    cloud.put_npy(f"{RUN}/background-data/shot-0.npy", cloud.get_npy(f"{RUN}/full/shot-0.npy"))
    cloud.put_json(f"{RUN}/background-data/shot-0.json", cloud.get_json(f"{RUN}/full/shot-0.json"))
    _run(cloud, "gradient", {**spec, "iteration": 3,
                             "outputs": {**spec["outputs"], "timings": f"{RUN}/t3-{{shot}}.json"}},
         SEISLESS_SHOT="0")

    # Assert: reflections = d_obs - F(m0), whose direct wave is gone; a stored record is used
    observed = cloud.get_npy(f"{RUN}/full/shot-0.npy").astype(np.float64)
    first = cloud.get_json(f"{RUN}/t2-0.json")["objective"]
    assert stored.shape == observed.shape
    assert first == pytest.approx(0.5 * np.sum((observed - stored) ** 2), rel=1e-4)
    assert first < 0.05 * 0.5 * np.sum(observed**2)
    assert cloud.get_json(f"{RUN}/t3-0.json")["objective"] == 0.0


def test_preprocessed_objective_gradient_and_born_norm_agree(born_observed, edge_task_file):
    # Arrange: f(a g) = f(0) + a <grad f(0), g> + a²/2 ||P J g||² for LS-RTM's quadratic f
    cloud = born_observed
    rng = np.random.default_rng(5)
    direction = np.zeros((61, 41), np.float32)
    direction[5:-5, 5:-5] = 1e-3 * rng.standard_normal((51, 31))
    g = cloud.put_npy(f"{RUN}/iterations/4/direction.npy", direction)
    common = {"algorithm": "lsrtm", "iteration": 4, "preprocessing": PREPROCESSING}
    inputs = {"velocity": f"{RUN}/inputs/background.npy", "data": f"{RUN}/data/shot-{{shot}}.npy"}
    outputs = {"gradient": f"{RUN}/iterations/4/gradients/shot-{{shot}}.npy",
               "scalar": f"{RUN}/iterations/4/{{shot}}-scalar.json",
               "timings": f"{RUN}/iterations/4/timings-{{shot}}.json"}

    # Act
    _run(cloud, "gradient", edge_task_file("gradient", **common, inputs=inputs, outputs=outputs),
         SEISLESS_SHOT="1")
    f0 = cloud.get_json(f"{RUN}/iterations/4/timings-1.json")["objective"]
    gradient = cloud.get_npy(f"{RUN}/iterations/4/gradients/shot-1.npy").astype(np.float64)
    _run(cloud, "born-norm", edge_task_file("born-norm", **common, inputs={**inputs, "direction": g},
                                            outputs=outputs), SEISLESS_SHOT="1")
    born_norm = cloud.get_json(f"{RUN}/iterations/4/1-scalar.json")["value"]
    step = -np.sum(gradient * direction) / born_norm  # the exact step
    _run(cloud, "objective", edge_task_file("objective", **common, inputs=inputs, outputs=outputs,
                                            trial={"step": float(step), "direction": g}),
         SEISLESS_SHOT="1")
    f_step = cloud.get_json(f"{RUN}/iterations/4/1-scalar.json")["value"]

    # Assert: the exact step lowers f by <grad, g>² / (2 ||P J g||²), as the quadratic says
    predicted = f0 - np.sum(gradient * direction) ** 2 / (2 * born_norm)
    assert f_step < f0
    assert f_step == pytest.approx(predicted, rel=1e-3)
