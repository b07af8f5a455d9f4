"""Per-shot apertures and geometry through whole jobs: ``python -m seisless_compute observe`` and
``gradient`` as AWS Batch runs them, on a small layered model (201 x 51 at 10 m, 300 ms), for a
shot whose streamer follows its source."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.io.sections import GridSpec
from seisless_compute.models import presets
from seisless_compute.tasks.aperture import shot_frame

RUN = "runs/test"
GRID = GridSpec((201, 51), (10.0, 10.0), (0.0, 0.0))
SOURCES = [[700.0, 20.0], [1300.0, 20.0]]
OFFSETS = [[float(dx), 20.0] for dx in range(-200, 201, 20)]  # a 400 m streamer, 21 groups
SHOT, SOURCE_X = 1, 1300.0
APERTURE_M = 300.0
DATA = f"{RUN}/data/shot-{{shot}}.npy"


def _acquisition(**fields) -> dict:
    return {"sources": SOURCES, "receivers": OFFSETS, "receiversFollowSource": True,
            "recordingTimeMs": 300, "peakFrequencyHz": 12, **fields}


def _grid() -> dict:
    return {"shape": list(GRID.shape), "spacing": list(GRID.spacing), "origin": list(GRID.origin)}


def _run(cloud, task: str, spec: dict) -> None:
    key = cloud.put_json(f"{RUN}/tasks/{task}-{spec['iteration']}.json", spec)
    done = cloud.run(task, key, SEISLESS_SHOT=str(SHOT))
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def streamer(make_cloud, edge_task_file):
    """A bucket with a layered model, its smooth background, and shot 1's observed record
    (modelled on the whole grid at 2 ms, with the ``.npy`` sidecar ``observe`` writes)."""
    cloud = make_cloud()
    vp = presets.layered(GRID.shape, GRID.spacing, velocities=(1.5, 2.0, 2.5)).vp
    cloud.put_npy(f"{RUN}/inputs/model.npy", vp)
    cloud.put_npy(f"{RUN}/inputs/background.npy",
                  presets.smooth(vp, 60.0, GRID.spacing).astype(np.float32))
    spec = edge_task_file("observe", iteration=0, grid=_grid(),
                          acquisition=_acquisition(samplingMs=2),
                          inputs={"velocity": f"{RUN}/inputs/model.npy"},
                          outputs={"data": DATA, "timings": f"{RUN}/timings/observe.json"})
    _run(cloud, "observe", spec)
    return cloud


def _gradient(cloud, edge_task_file, iteration: int, *, data: str = DATA,
              **acquisition) -> np.ndarray:
    """Run the gradient job of shot 1 (FWI at the background) and read its gradient."""
    key = f"{RUN}/iterations/{iteration}/gradients/shot-{{shot}}.npy"
    spec = edge_task_file(
        "gradient", iteration=iteration, grid=_grid(), acquisition=_acquisition(**acquisition),
        inputs={"velocity": f"{RUN}/inputs/background.npy", "data": data},
        outputs={"gradient": key,
                 "timings": f"{RUN}/iterations/{iteration}/timings/gradient-shot-{{shot}}.json"})
    _run(cloud, "gradient", spec)
    return cloud.get_npy(key.format(shot=SHOT))


@pytest.fixture(scope="module")
def gradients(streamer, edge_task_file) -> dict[str, np.ndarray]:
    """Shot 1's gradient from the whole grid's job and from the aperture's job."""
    return {"full": _gradient(streamer, edge_task_file, 1),
            "aperture": _gradient(streamer, edge_task_file, 2, apertureM=APERTURE_M)}


def _window() -> slice:
    receivers = np.asarray(OFFSETS) + [SOURCE_X, 0.0]
    frame = shot_frame(GRID, ShotPositions(np.array([SOURCE_X, 20.0]), receivers), APERTURE_M)
    assert frame.cropped
    return slice(frame.start[0], frame.start[0] + frame.grid.shape[0])


def _relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


def test_observe_writes_the_streamers_receivers_in_the_models_frame(streamer):
    sidecar = streamer.get_json(f"{RUN}/data/shot-{SHOT}.json")

    record = streamer.get_npy(f"{RUN}/data/shot-{SHOT}.npy")

    assert sidecar["source"] == [SOURCE_X, 20.0]
    np.testing.assert_allclose(sidecar["receivers"], np.asarray(OFFSETS) + [SOURCE_X, 0.0])
    assert record.shape == (151, len(OFFSETS)) and sidecar["dtMs"] == 2


def test_the_aperture_jobs_gradient_is_the_full_grid_jobs_inside_its_window(gradients):
    # Arrange: shot 1's window is 1.5 km of the model's 2 km (510-2000 m); in 300 ms no wave
    # gets from the source or the receivers (1100-1500 m) to its left edge, 590 m or more away
    # at 1.5 km/s in the top layer, so both jobs compute the same wavefields there.
    full, aperture = gradients["full"], gradients["aperture"]
    window = _window()

    # Act
    inside = _relative(aperture[window], full[window])
    print(f"aperture job against the full grid's, inside the window: {inside:.2e}")

    # Assert: the same arithmetic at every point of the window, so equal up to float32 rounding
    # (measured: identical, 0.0). The tolerance, as the in-process window test's
    # (test_aperture.py, measured 4e-6 there), allows for a compiler that vectorises a narrower
    # grid's loops differently. Outside the window the embedding is zero.
    assert aperture.shape == full.shape == GRID.shape
    assert np.abs(full[window]).max() > 0
    assert inside < 1e-4
    assert not aperture[: window.start].any() and not aperture[window.stop :].any()


def test_a_job_with_geometry_from_data_reads_its_receivers_from_the_sidecar(
        streamer, edge_task_file, gradients):
    # Arrange: the task file's receivers are a placeholder, one group at the model's edge
    placeholder = {"receivers": [[0.0, 20.0]], "receiversFollowSource": False}

    # Act
    from_sidecar = _gradient(streamer, edge_task_file, 3, apertureM=APERTURE_M,
                             geometryFromData=True, **placeholder)

    # Assert: the same 21 receivers and window as the streamer's job, hence its gradient
    np.testing.assert_array_equal(from_sidecar, gradients["aperture"])


def _segy(path, record: np.ndarray, dt_ms: float, source, receivers) -> bytes:
    """The record as field data carries it: one trace per group, coordinates in centimetres
    (scalar -100), source depth and group elevation (negative: below the surface) too."""
    import segyio

    field = segyio.TraceField
    spec = segyio.spec()
    spec.format, spec.samples, spec.tracecount = 5, list(range(record.shape[0])), record.shape[1]
    centimetres = lambda metres: round(100 * metres)
    with segyio.create(str(path), spec) as segy:
        segy.bin.update(hdt=round(1000 * dt_ms))
        for index, group in enumerate(receivers):
            segy.header[index] = {
                field.TRACE_SAMPLE_INTERVAL: round(1000 * dt_ms), field.FieldRecord: SHOT,
                field.SourceGroupScalar: -100, field.ElevationScalar: -100,
                field.SourceX: centimetres(source[0]), field.SourceDepth: centimetres(source[1]),
                field.GroupX: centimetres(group[0]),
                field.ReceiverGroupElevation: -centimetres(group[1]),
            }
            segy.trace[index] = np.ascontiguousarray(record[:, index])
    return path.read_bytes()


def test_a_job_with_geometry_from_data_reads_its_receivers_from_segy_headers(
        streamer, edge_task_file, gradients, tmp_path):
    # Arrange: the observed record and its positions written as a SEG-Y file by segyio
    sidecar = streamer.get_json(f"{RUN}/data/shot-{SHOT}.json")
    body = _segy(tmp_path / "shot.sgy", streamer.get_npy(f"{RUN}/data/shot-{SHOT}.npy"),
                 sidecar["dtMs"], sidecar["source"], sidecar["receivers"])
    streamer.s3.put_object(Bucket=streamer.bucket, Key=f"{RUN}/field/shot-{SHOT}.sgy", Body=body)

    # Act
    from_headers = _gradient(streamer, edge_task_file, 4, data=f"{RUN}/field/shot-{{shot}}.sgy",
                             apertureM=APERTURE_M, geometryFromData=True,
                             receivers=[[0.0, 20.0]], receiversFollowSource=False)

    # Assert: centimetre coordinates scale back to the same metres, the same samples
    np.testing.assert_allclose(from_headers, gradients["aperture"], rtol=0,
                               atol=1e-6 * np.abs(gradients["aperture"]).max())
