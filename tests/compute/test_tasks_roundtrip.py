"""Every task end to end: ``python -m seisless_compute <task>`` as AWS Batch runs it, against
S3 and a FIFO queue on a moto server, on a tiny 2D problem (61 x 41, 300 ms, two shots)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

RUN = "runs/test"
TIMING_KEYS = {"task", "runId", "iteration", "shot", "jobId", "attempt", "vcpus", "threads",
               "ranks", "kernel_s", "sections", "compile_s", "compile_cached", "io_read_s",
               "io_write_s", "total_s", "started_at", "finished_at", "phases"}


def _true_model() -> np.ndarray:
    vp = np.full((61, 41), 1.5, np.float32)
    vp[:, 20:] = 2.5
    return vp


def _smooth(vp: np.ndarray) -> np.ndarray:
    kernel = np.ones(9) / 9
    padded = np.pad(vp, 4, mode="edge")
    rows = np.apply_along_axis(lambda c: np.convolve(c, kernel, "valid"), 0, padded)
    return np.apply_along_axis(lambda r: np.convolve(r, kernel, "valid"), 1, rows)


def _run_key(cloud, task: str, key: str, **env: str):
    done = cloud.run(task, key, **env)
    assert done.returncode == 0, done.stderr
    return done


def _run(cloud, task: str, spec: dict, **env: str):
    key = cloud.put_json(f"{RUN}/iterations/{spec['iteration']}/tasks/{task}.json", spec)
    return _run_key(cloud, task, key, **env)


def _tags(cloud, key: str) -> dict[str, str]:
    tag_set = cloud.s3.get_object_tagging(Bucket=cloud.bucket, Key=key)["TagSet"]
    return {tag["Key"]: tag["Value"] for tag in tag_set}


SCRATCH = {"seisless:retention": "scratch"}


def _assert_timings(cloud, key: str, task: str, shot) -> dict:
    timings = cloud.get_json(key)
    assert TIMING_KEYS <= set(timings), TIMING_KEYS - set(timings)
    assert timings["task"] == task and timings["shot"] == shot and timings["threads"] == 1
    assert timings["total_s"] >= timings["kernel_s"] >= 0
    return timings


@pytest.fixture(scope="module")
def observed(make_cloud, edge_task_file):
    """A bucket with a true and a background model, and the observed records of both shots."""
    cloud = make_cloud()
    cloud.put_npy(f"{RUN}/inputs/model.npy", _true_model())
    cloud.put_npy(f"{RUN}/inputs/background.npy", _smooth(_true_model()).astype(np.float32))
    spec = edge_task_file("observe", iteration=0)
    spec["inputs"] = {"velocity": f"{RUN}/inputs/model.npy"}
    spec["outputs"] = {**spec["outputs"], "timings": f"{RUN}/timings/observe-shot-{{shot}}.json"}
    for index in ("0", "1"):
        _run(cloud, "observe", spec, AWS_BATCH_JOB_ARRAY_INDEX=index)
    return cloud


def test_model_task_writes_a_preset_and_its_smooth_background(cloud, edge_task_file):
    # Arrange
    spec = edge_task_file("model", iteration=0, shots=[], grid=None, acquisition=None,
                          model={"preset": "layered", "shape": [61, 41], "spacing": [10, 10],
                                 "smoothingM": 80},
                          outputs={"model": f"{RUN}/inputs/model.npy",
                                   "background": f"{RUN}/inputs/background.npy",
                                   "timings": f"{RUN}/timings/model.json"})

    # Act
    _run(cloud, "model", spec)

    # Assert
    model, background = (cloud.get_npy(f"{RUN}/inputs/{n}.npy") for n in ("model", "background"))
    assert model.shape == background.shape == (61, 41) and model.dtype == np.float32
    assert 1.0 < model.min() < model.max() < 6.0
    below_water = (slice(None), slice(12, None))  # the smoothing keeps the water layer sharp
    jumps = [np.abs(np.diff(v[below_water], axis=1)).max() for v in (background, model)]
    assert jumps[0] < 0.5 * jumps[1]
    _assert_timings(cloud, f"{RUN}/timings/model.json", "model", None)
    assert _tags(cloud, f"{RUN}/inputs/model.npy") == {}  # models are kept, never expired


def test_observe_writes_records_and_sidecar(observed):
    # Arrange: done by the fixture (two array jobs, indices 0 and 1)
    sidecar = observed.get_json(f"{RUN}/data/shot-1.json")

    # Act
    record = observed.get_npy(f"{RUN}/data/shot-1.npy")

    # Assert
    assert record.dtype == np.float32 and record.shape == (sidecar["nt"], 21)
    assert sidecar["dtMs"] * (sidecar["nt"] - 1) >= 300 - 1e-6
    assert sidecar["source"] == [450.0, 20.0] and len(sidecar["receivers"]) == 21
    assert np.abs(record).max() > 0
    _assert_timings(observed, f"{RUN}/timings/observe-shot-1.json", "observe", 1)


def test_observe_resamples_to_the_requested_sampling(cloud, edge_task_file):
    # Arrange
    cloud.put_npy(f"{RUN}/inputs/model.npy", _true_model())
    spec = edge_task_file("observe", iteration=0, shots=[1])
    spec["inputs"] = {"velocity": f"{RUN}/inputs/model.npy"}
    spec["acquisition"] = {**spec["acquisition"], "samplingMs": 2}

    # Act
    _run(cloud, "observe", spec)

    # Assert
    assert cloud.get_npy(f"{RUN}/data/shot-1.npy").shape == (151, 21)
    assert cloud.get_json(f"{RUN}/data/shot-1.json")["dtMs"] == 2


def test_gradient_is_written_then_announced_once_per_chunk(observed, edge_task_file):
    # Arrange
    observed.messages(wait_s=0.1)
    spec = edge_task_file("gradient")

    # Act
    _run(observed, "gradient", spec, AWS_BATCH_JOB_ARRAY_INDEX="1")

    # Assert: the gradient
    key = f"{RUN}/iterations/1/gradients/shot-1.npy"
    gradient = observed.get_npy(key)
    assert gradient.shape == (61, 41) and gradient.dtype == np.float32
    assert np.isfinite(gradient).all() and np.abs(gradient).max() > 0
    timings = _assert_timings(observed, f"{RUN}/iterations/1/timings/gradient-shot-1.json",
                              "gradient", 1)
    assert timings["objective"] > 0 and timings["kernel_s"] > 0
    assert timings["started_at"] < timings["gradient_written_at"] <= timings["finished_at"]
    # Assert: the gradient is scratch (the lifecycle rule expires it); the timings are kept
    assert _tags(observed, key) == SCRATCH
    assert _tags(observed, f"{RUN}/iterations/1/timings/gradient-shot-1.json") == {}
    # Assert: one message per chunk, FIFO ids and byte ranges per docs/contracts/messages.md
    messages = sorted(observed.messages(), key=lambda m: json.loads(m["Body"])["chunk"])
    assert len(messages) == 3
    for chunk, message in enumerate(messages):
        body = json.loads(message["Body"])
        assert message["Attributes"]["MessageGroupId"] == f"test/1/chunk-{chunk}"
        assert message["Attributes"]["MessageDeduplicationId"] == f"test/1/1/{chunk}"
        assert body["gradientKey"] == key and body["bucket"] == observed.bucket
        assert (body["shot"], body["batchIndex"], body["batchSize"]) == (1, 1, 2)
        assert (body["chunkCount"], body["elementCount"], body["shape"]) == (3, 2501, [61, 41])
        assert body["objective"] == pytest.approx(timings["objective"])
        first = body["headerLength"] + 4 * chunk * 1000
        last = body["headerLength"] + 4 * min((chunk + 1) * 1000, 2501) - 1
        data = np.frombuffer(observed.get(key, f"bytes={first}-{last}"), "<f4")
        np.testing.assert_array_equal(data, gradient.ravel()[chunk * 1000:(chunk + 1) * 1000])


def test_rtm_gradient_is_the_lsrtm_gradient_at_zero_image(observed, edge_task_file):
    # Arrange
    images = {}
    for algorithm in ("rtm", "lsrtm"):
        spec = edge_task_file("gradient", iteration=2, algorithm=algorithm)
        spec["outputs"] = {**spec["outputs"],
                           "gradient": f"{RUN}/iterations/2/{algorithm}/shot-{{shot}}.npy"}

        # Act
        _run(observed, "gradient", spec, SEISLESS_SHOT="0")
        images[algorithm] = observed.get_npy(f"{RUN}/iterations/2/{algorithm}/shot-0.npy")

    # Assert
    assert np.abs(images["rtm"]).max() > 0
    # the image one step along -g is then J^T d for both (services/line-search searchDirection)
    np.testing.assert_allclose(images["rtm"], images["lsrtm"], rtol=1e-5, atol=1e-7)
    # same run, iteration and shot: the second job's messages are FIFO duplicates (dropped)
    assert len(observed.messages()) == 3


def test_objective_at_a_zero_step_is_the_gradient_objective(observed, edge_task_file):
    # Arrange
    observed.put_npy(f"{RUN}/iterations/1/direction.npy", np.ones((61, 41), np.float32))
    spec = edge_task_file("objective", trial={"step": 0.0, "bounds": [1.0, 5.0],
                                              "direction": f"{RUN}/iterations/1/direction.npy"})
    gradient_spec = edge_task_file("gradient", iteration=3)

    # Act
    _run(observed, "objective", spec, AWS_BATCH_JOB_ARRAY_INDEX="0")
    _run(observed, "gradient", gradient_spec, AWS_BATCH_JOB_ARRAY_INDEX="0")

    # Assert
    scalar = observed.get_json(f"{RUN}/iterations/1/line-search/0/shot-0.json")
    reference = observed.get_json(f"{RUN}/iterations/1/timings/gradient-shot-0.json")
    assert scalar["shot"] == 0
    assert scalar["value"] == pytest.approx(reference["objective"], rel=1e-5)
    assert _tags(observed, f"{RUN}/iterations/1/line-search/0/shot-0.json") == SCRATCH
    _assert_timings(observed, f"{RUN}/iterations/1/timings/objective-shot-0.json", "objective", 0)


def test_born_norm_is_quadratic_in_the_direction(observed, edge_task_file):
    # Arrange
    rng = np.random.default_rng(3)
    direction = (1e-3 * rng.standard_normal((61, 41))).astype(np.float32)
    values = []
    for scale, iteration in ((1, 4), (2, 5)):
        key = observed.put_npy(f"{RUN}/iterations/{iteration}/direction.npy", scale * direction)
        spec = edge_task_file("born-norm", iteration=iteration, algorithm="lsrtm")
        spec["inputs"] = {**spec["inputs"], "direction": key}
        spec["outputs"] = {**spec["outputs"],
                           "scalar": f"{RUN}/iterations/{iteration}/born-norm/shot-{{shot}}.json"}

        # Act
        _run(observed, "born-norm", spec, AWS_BATCH_JOB_ARRAY_INDEX="1")
        values.append(observed.get_json(
            f"{RUN}/iterations/{iteration}/born-norm/shot-1.json")["value"])

    # Assert
    assert values[0] > 0
    assert values[1] == pytest.approx(4 * values[0], rel=1e-4)
    assert _tags(observed, f"{RUN}/iterations/5/born-norm/shot-1.json") == SCRATCH


@pytest.mark.skipif(shutil.which("mpirun") is None, reason="needs OpenMPI's mpirun")
def test_gradient_under_mpi_matches_serial_and_only_rank_0_writes(observed, edge_task_file):
    # Arrange
    spec = {name: edge_task_file("gradient", iteration=it) for name, it in (("mpi", 6), ("one", 7))}
    for name, task in spec.items():
        task["outputs"] = {**task["outputs"],
                           "gradient": f"{RUN}/iterations/{name}/gradients/shot-{{shot}}.npy",
                           "timings": f"{RUN}/iterations/{name}/timings/shot-{{shot}}.json"}
        observed.put_json(f"{RUN}/tasks/{name}.json", task)
    launcher = ["mpirun", "-n", "2", "--oversubscribe"]
    launcher += ["--allow-run-as-root"] if os.geteuid() == 0 else []
    observed.messages(wait_s=0.1)

    # Act
    done = subprocess.run([*launcher, sys.executable, "-m", "seisless_compute", "gradient"],
                          env=observed.env(f"{RUN}/tasks/mpi.json", SEISLESS_SHOT="1"),
                          capture_output=True, text=True, timeout=600, check=False)
    _run_key(observed, "gradient", f"{RUN}/tasks/one.json", SEISLESS_SHOT="1")

    # Assert
    assert done.returncode == 0, done.stderr
    distributed, serial = (observed.get_npy(f"{RUN}/iterations/{n}/gradients/shot-1.npy")
                           for n in ("mpi", "one"))
    np.testing.assert_allclose(distributed, serial, rtol=1e-4, atol=1e-6 * np.abs(serial).max())
    assert observed.get_json(f"{RUN}/iterations/mpi/timings/shot-1.json")["ranks"] == 2
    groups = sorted(m["Attributes"]["MessageGroupId"] for m in observed.messages())
    assert groups == sorted([f"test/{k}/chunk-{c}" for k in (6, 7) for c in range(3)])
