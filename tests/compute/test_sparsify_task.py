"""``python -m seisless_compute sparsify`` end to end against S3 on a moto server: two
iterations of linearized Bregman on a 61 x 41 image."""

from __future__ import annotations

import numpy as np

RUN = "runs/test"


def _sparsify_task(edge_task_file, k: int, *, step: float) -> dict:
    it = f"{RUN}/iterations/{k}"
    previous = {} if k == 1 else {"dual": f"{RUN}/iterations/{k - 1}/dual.npy",
                                  "sparsity": f"{RUN}/iterations/{k - 1}/sparsity.json"}
    return edge_task_file(
        "sparsify", iteration=k, algorithm="lsrtm", shots=[], acquisition=None,
        inputs={"direction": f"{it}/direction.npy", **previous},
        outputs={"model": f"{it}/model.npy", "dual": f"{it}/dual.npy",
                 "sparsity": f"{it}/sparsity.json", "timings": f"{it}/timings/sparsify.json"},
        sparsity={"transform": "wavelet", "wavelet": "db4", "levels": 3, "quantile": 0.9,
                  "scale": 1, "step": step})


def _run(cloud, spec: dict) -> None:
    key = cloud.put_json(f"{RUN}/iterations/{spec['iteration']}/tasks/sparsify.json", spec)
    done = cloud.run("sparsify", key)
    assert done.returncode == 0, done.stderr


def test_sparsify_updates_the_dual_and_holds_the_first_threshold(cloud, edge_task_file):
    # Arrange: two iterations' directions
    rng = np.random.default_rng(0)
    directions = [rng.normal(size=(61, 41)).astype(np.float32) for _ in range(2)]
    for k, direction in enumerate(directions, start=1):
        cloud.put_npy(f"{RUN}/iterations/{k}/direction.npy", direction)

    # Act
    _run(cloud, _sparsify_task(edge_task_file, 1, step=0.5))
    _run(cloud, _sparsify_task(edge_task_file, 2, step=0.25))

    # Assert: z_2 = 0.5 d_1 + 0.25 d_2; λ set at iteration 1 and carried to iteration 2
    first, second = (cloud.get_json(f"{RUN}/iterations/{k}/sparsity.json") for k in (1, 2))
    dual = cloud.get_npy(f"{RUN}/iterations/2/dual.npy")
    np.testing.assert_allclose(dual, 0.5 * directions[0] + 0.25 * directions[1], atol=1e-6)
    assert first["thresholdSetHere"] and not second["thresholdSetHere"]
    assert second["threshold"] == first["threshold"] > 0
    assert abs(first["kept"] - 0.1) < 0.02  # the 0.9 quantile keeps 10 % of the coefficients
    image = cloud.get_npy(f"{RUN}/iterations/1/model.npy")
    assert image.shape == (61, 41) and 0 < np.linalg.norm(image) < np.linalg.norm(0.5 * directions[0])
    assert cloud.get_json(f"{RUN}/iterations/2/timings/sparsify.json")["task"] == "sparsify"


def test_a_bad_wavelet_is_refused_in_one_line(cloud, edge_task_file):
    # Arrange
    spec = _sparsify_task(edge_task_file, 1, step=0.5)
    spec["sparsity"]["wavelet"] = "bior2.2"
    key = cloud.put_json(f"{RUN}/iterations/1/tasks/sparsify.json", spec)

    # Act
    done = cloud.run("sparsify", key)

    # Assert
    assert done.returncode == 2
    assert "sparsity.wavelet" in done.stderr and len(done.stderr.strip().splitlines()) == 1
