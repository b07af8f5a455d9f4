"""The gradient task applies the task file's preconditioning to its shot's gradient, and keeps
the forward wavefield every k-th step when asked (``python -m seisless_compute gradient``
against a moto S3, as AWS Batch runs it; 61 x 41 points, 300 ms)."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.processing.precondition import (
    Preconditioning,
    WaterMute,
    precondition,
)

RUN = "runs/test"
PRECONDITIONING = {"waterMute": {"depthM": 100}, "depthScaling": {"power": 1},
                   "illumination": {"epsilon": 0.1}}


def _background() -> np.ndarray:
    vp = np.full((61, 41), 1.5, np.float32)
    vp[:, 15:] = np.linspace(1.8, 2.4, 26, dtype=np.float32)
    return vp


def _true_model() -> np.ndarray:
    vp = _background()
    vp[:, 25:28] += 0.3
    return vp


@pytest.fixture
def bucket(cloud, edge_task_file):
    """The background model and shot 0's observed record (observe task on the true model)."""
    cloud.put_npy(f"{RUN}/inputs/model.npy", _true_model())
    cloud.put_npy(f"{RUN}/inputs/background.npy", _background())
    spec = edge_task_file("observe", iteration=0)
    spec["inputs"] = {"velocity": f"{RUN}/inputs/model.npy"}
    done = cloud.run("observe", cloud.put_json(f"{RUN}/tasks/observe.json", spec),
                     SEISLESS_SHOT="0")
    assert done.returncode == 0, done.stderr
    return cloud


def _gradient(cloud, edge_task_file, name: str, **sections) -> np.ndarray:
    spec = edge_task_file("gradient", algorithm="rtm", **sections)
    spec["outputs"] = {**spec["outputs"], "gradient": f"{RUN}/{name}/shot-{{shot}}.npy",
                       "timings": f"{RUN}/{name}/timings-{{shot}}.json"}
    done = cloud.run("gradient", cloud.put_json(f"{RUN}/tasks/{name}.json", spec),
                     SEISLESS_SHOT="0")
    assert done.returncode == 0, done.stderr
    return cloud.get_npy(f"{RUN}/{name}/shot-0.npy")


def _illumination(edge_task_file) -> np.ndarray:
    """Shot 0's source illumination on the background, from a solver built as the job's."""
    from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry

    spec = edge_task_file("gradient")
    acquisition = spec["acquisition"]
    geometry = ShotGeometry(np.array(acquisition["sources"][0], float),
                            np.array(acquisition["receivers"], float),
                            recording_time_ms=acquisition["recordingTimeMs"],
                            peak_frequency_hz=acquisition["peakFrequencyHz"])
    solver = AcousticSolver(Grid((61, 41), (10.0, 10.0), (0.0, 0.0)), geometry,
                            nbl=spec["physics"]["nbl"], illumination=True)
    solver.forward(_background())
    return solver.illumination


def test_the_written_gradient_is_the_preconditioned_shot_gradient(bucket, edge_task_file):
    # Arrange
    raw = _gradient(bucket, edge_task_file, "raw")
    # Act
    conditioned = _gradient(bucket, edge_task_file, "preconditioned",
                            preconditioning=PRECONDITIONING)
    # Assert
    spec = Preconditioning(water_mute=WaterMute(depth_m=100.0), depth_power=1.0,
                           illumination_epsilon=0.1)
    expected = precondition(raw, spec, vp=_background(), dz=10.0,
                            illumination=_illumination(edge_task_file))
    assert np.abs(expected).max() > 0
    assert not conditioned[:, :10].any()  # the mute: z < 100 m
    np.testing.assert_allclose(conditioned, expected, rtol=0, atol=1e-4 * np.abs(expected).max())


def test_a_subsampled_job_writes_nearly_the_same_gradient(bucket, edge_task_file):
    # Arrange
    raw = _gradient(bucket, edge_task_file, "raw")
    physics = {**edge_task_file("gradient")["physics"], "wavefieldSubsampling": "auto"}
    # Act
    subsampled = _gradient(bucket, edge_task_file, "subsampled", physics=physics)
    # Assert: not every step was kept (else bit-identical), and the error is within the solver
    # tests' 0.5 %
    assert not np.array_equal(subsampled, raw)
    assert np.linalg.norm(subsampled - raw) / np.linalg.norm(raw) < 5e-3
