"""The edge's codecs and parsers: .npy and byte ranges, observed records, task files, SEG-Y."""

from __future__ import annotations

import io
import json
import os

import numpy as np
import pytest
from seisless_compute.errors import InputError, ValidationError
from seisless_compute.io import npy
from seisless_compute.io.messages import GradientRef, reduction_entries
from seisless_compute.io.observed import read_shot_record
from seisless_compute.io.segy import read_segy_shot, read_segy_velocity
from seisless_compute.io.taskfile import Requirements, parse_task_file, resolve_shot

GRADIENT_NEEDS = Requirements(sections=("algorithm", "reduction", "grid", "acquisition", "shots"),
                              inputs=("velocity", "data"), outputs=("gradient", "timings"))


def _numpy_save(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


@pytest.mark.parametrize("shape", [(7,), (61, 41), (5, 4, 3), (1000, 1000)])
def test_npy_encoding_is_byte_for_byte_numpy_save(shape):
    array = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
    encoded = npy.encode(array)
    assert encoded == _numpy_save(array)
    assert npy.parse_header(encoded, "x").header_length % 64 == 0


def test_npy_decoding_converts_dtype_and_fortran_order_to_float32_c():
    array = np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4))
    decoded = npy.decode(_numpy_save(array), "x")
    assert decoded.dtype == np.float32 and decoded.flags.c_contiguous
    np.testing.assert_array_equal(decoded, array)


def test_npy_decoding_rejects_truncated_bodies_naming_the_object():
    with pytest.raises(InputError, match=r"^runs/a\.npy: 150 bytes; expected 176 bytes"):
        npy.decode(npy.encode(np.zeros(12, np.float32))[:150], "runs/a.npy")


@pytest.mark.parametrize("descr", ["<f1", "<c8", "<U8"])
def test_npy_decoding_refuses_a_dtype_that_is_not_real_numeric_naming_it(descr):
    buffer = io.BytesIO()
    np.save(buffer, np.zeros(4, dtype=np.float32))
    body = buffer.getvalue().replace(b"'<f4'", f"'{descr}'".encode())
    with pytest.raises(InputError, match=rf"^runs/a\.npy: dtype {descr}; expected a real numeric"):
        npy.decode(body, "runs/a.npy")


def test_chunk_byte_ranges_cover_the_data_exactly_once():
    count, size, header = 2501, 1000, 128
    ranges = [npy.chunk_byte_range(header, c, chunk_size=size, count=count) for c in range(3)]
    assert [(r.start, r.stop) for r in ranges] == [(128, 4128), (4128, 8128), (8128, 10132)]


def test_byte_range_reads_return_the_chunk_elements(cloud):
    # Arrange
    gradient = np.random.default_rng(1).standard_normal((61, 41)).astype(np.float32)
    store = cloud.store()
    store.put("g.npy", npy.encode(gradient))
    header = npy.parse_header(store.get("g.npy", range(npy.HEADER_PROBE)), "g.npy")

    # Act
    chunk = store.get("g.npy", npy.chunk_byte_range(header.header_length, 2, chunk_size=1000,
                                                         count=2501))

    # Assert
    np.testing.assert_array_equal(np.frombuffer(chunk, "<f4"), gradient.ravel()[2000:])
    assert header.header_length == 128 and len(chunk) == 501 * 4


def test_reduction_entries_follow_the_message_contract():
    ref = GradientRef(run_id="demo", iteration=3, shot=17, batch_index=2, batch_size=3,
                      shape=(61, 41), chunk_size=1000, bucket="b", key="g.npy", header_length=128,
                      objective=12.5)
    entries = reduction_entries(ref)
    assert [e["MessageGroupId"] for e in entries] == [f"demo/3/chunk-{c}" for c in range(3)]
    assert [e["MessageDeduplicationId"] for e in entries] == [f"demo/3/17/{c}" for c in range(3)]
    body = json.loads(entries[2]["MessageBody"])
    assert body == {"version": 1, "runId": "demo", "iteration": 3, "shot": 17, "batchIndex": 2,
                    "batchSize": 3, "chunk": 2, "chunkCount": 3, "chunkSize": 1000,
                    "elementCount": 2501, "shape": [61, 41], "bucket": "b",
                    "gradientKey": "g.npy", "headerLength": 128, "objective": 12.5}


def _aperture_ref(batch_index: int) -> GradientRef:
    # 61 x 41 in chunks of 500: 6 chunks; three shots' ranges, chunks 4 and 5 in none of them.
    return GradientRef(run_id="demo", iteration=3, shot=10 + batch_index, batch_index=batch_index,
                       batch_size=3, shape=(61, 41), chunk_size=500, bucket="b", key="g.npy",
                       header_length=128, objective=1.5, coverage=((0, 3), (2, 4), (1, 3)))


def test_with_shot_chunks_a_shot_sends_only_its_range_with_the_batch_coverage():
    # Act
    entries = reduction_entries(_aperture_ref(1))
    bodies = [json.loads(e["MessageBody"]) for e in entries]

    # Assert: chunks 2 and 3; chunk 2 is in all three ranges, chunk 3 in one; 0-3 have shots
    assert [e["Id"] for e in entries] == ["2", "3"]
    assert [e["MessageGroupId"] for e in entries] == ["demo/3/chunk-2", "demo/3/chunk-3"]
    assert [e["MessageDeduplicationId"] for e in entries] == ["demo/3/11/2", "demo/3/11/3"]
    assert [b["chunk"] for b in bodies] == [2, 3]
    assert [b["chunkShots"] for b in bodies] == [3, 1]
    assert all(b["shotChunks"] == [2, 4] and b["chunksWithShots"] == 4 for b in bodies)
    assert all(b["chunkCount"] == 6 and b["batchIndex"] == 1 for b in bodies)


def test_with_shot_chunks_each_position_sends_its_own_range():
    sent = [[int(e["Id"]) for e in reduction_entries(_aperture_ref(i))] for i in range(3)]
    assert sent == [[0, 1, 2], [2, 3], [1, 2]]


def test_without_shot_chunks_the_messages_carry_no_coverage_fields():
    ref = GradientRef(run_id="demo", iteration=3, shot=17, batch_index=2, batch_size=3,
                      shape=(61, 41), chunk_size=500, bucket="b", key="g.npy", header_length=128,
                      objective=12.5)
    bodies = [json.loads(e["MessageBody"]) for e in reduction_entries(ref)]
    assert [b["chunk"] for b in bodies] == list(range(6))
    assert not {"shotChunks", "chunkShots", "chunksWithShots"} & set().union(*bodies)


def test_observed_records_are_resampled_onto_the_solver_axis(cloud):
    # Arrange: a 6 Hz sine sampled every 4 ms, read back and resampled to 1 ms
    from seisless_compute.solvers import resample

    t_in = np.arange(76) * 4.0
    record = np.sin(2 * np.pi * 6e-3 * t_in)[:, None].repeat(3, axis=1).astype(np.float32)
    cloud.put_npy("runs/t/data/shot-0.npy", record)
    cloud.put_json("runs/t/data/shot-0.json", {"dtMs": 4.0, "nt": 76})

    # Act
    shot = read_shot_record(cloud.store(), "runs/t/data/shot-0.npy", 3)
    fine = resample(shot.data, dt_in_ms=shot.dt_ms, dt_out_ms=1.0, nt_out=301)

    # Assert: away from the ends, the band-limited interpolant is the sine
    expected = np.sin(2 * np.pi * 6e-3 * np.arange(301))
    assert shot.dt_ms == 4.0 and fine.shape == (301, 3)
    np.testing.assert_allclose(fine[40:260, 1], expected[40:260], atol=2e-3)


def _parse_gradient_task(edge_task_file, **sections):
    body = json.dumps(edge_task_file("gradient", **sections)).encode()
    return parse_task_file(body, "t.json", task="gradient", needs=GRADIENT_NEEDS)


def test_a_valid_task_file_parses_with_defaults(edge_task_file):
    spec = _parse_gradient_task(edge_task_file, physics=None)
    assert spec.grid.shape == (61, 41) and spec.physics.space_order == 8
    assert spec.acquisition.sources[1] == (450.0, 20.0) and spec.reduction.chunk_size == 1000
    assert resolve_shot(spec, None, 1) == (1, 1)
    assert resolve_shot(spec, 0, 1) == (0, 0)
    assert spec.physics.vp_max_kms is None


def test_a_run_wide_max_velocity_reaches_the_physics(edge_task_file):
    spec = _parse_gradient_task(edge_task_file, physics={"vpMaxKmS": 4.5})
    assert spec.physics.vp_max_kms == 4.5


@pytest.mark.parametrize(("sections", "message"), [
    ({"version": 2}, "t.json:version: 2; expected 1"),
    ({"task": "objective"}, "t.json:task: 'objective'; expected 'gradient'"),
    ({"algorithm": "rtmm"}, "t.json:algorithm: 'rtmm'; expected 'fwi', 'lsrtm' or 'rtm'"),
    ({"shots": [0, 0]}, "t.json:shots: [0, 0]; expected a list of distinct shot ids"),
    ({"shots": [0, 2]}, "t.json:shots[1]: 2; expected a shot id below 2"),
    ({"reduction": None}, "t.json:reduction: missing; expected a 'reduction' section"),
    ({"grid": {"shape": [61, 41], "spacing": [10]}}, "t.json:grid.spacing: [10]; expected a "),
    ({"physics": {"spaceOrder": 7}}, "t.json:physics.spaceOrder: 7; expected an even integer"),
    ({"physics": {"vpMaxKmS": -1}}, "t.json:physics.vpMaxKmS: -1; expected a positive number"),
    ({"inputs": {"velocity": "a b"}}, "t.json:inputs.data: missing; expected an S3 key"),
    ({"runId": "a/b"}, "t.json:runId: 'a/b'; expected letters"),
])
def test_an_invalid_task_file_names_the_field(edge_task_file, sections, message):
    with pytest.raises(ValidationError) as raised:
        _parse_gradient_task(edge_task_file, **sections)
    assert str(raised.value).startswith(message), str(raised.value)


def test_shot_chunks_parse_to_one_range_per_batch_position(edge_task_file):
    reduction = {"chunkSize": 1000, "batchSize": 2, "shotChunks": [[0, 2], [1, 3]]}
    spec = _parse_gradient_task(edge_task_file, reduction=reduction)
    assert spec.reduction.shot_chunks == ((0, 2), (1, 3))
    assert _parse_gradient_task(edge_task_file).reduction.shot_chunks is None


@pytest.mark.parametrize(("shot_chunks", "message"), [
    # 61 x 41 in chunks of 1000: 3 chunks, batch size 2
    ([[0, 2]], "t.json:reduction.shotChunks: [[0, 2]]; expected a list of 2 [first, end] chunk"),
    ([[0, 2], [1]], "t.json:reduction.shotChunks: [[0, 2], [1]]; expected a list of 2"),
    ([[0, 2], [1, 2.5]], "t.json:reduction.shotChunks: [[0, 2], [1, 2.5]]; expected a list"),
    ([[0, 2], [-1, 2]], "t.json:reduction.shotChunks: [[0, 2], [-1, 2]]; expected a list"),
    ([[0, 2], [2, 2]], ("t.json:reduction.shotChunks[1]: [2, 2]; expected [first, end] with "
                        "0 <= first < end <= 3, the chunk count")),
    ([[3, 1], [0, 3]], "t.json:reduction.shotChunks[0]: [3, 1]; expected [first, end] with "),
    ([[0, 4], [0, 3]], ("t.json:reduction.shotChunks[0]: [0, 4]; expected [first, end] with "
                        "0 <= first < end <= 3")),
    ("all", "t.json:reduction.shotChunks: 'all'; expected a list of 2 [first, end] chunk"),
])
def test_bad_shot_chunks_name_the_field(edge_task_file, shot_chunks, message):
    reduction = {"chunkSize": 1000, "batchSize": 2, "shotChunks": shot_chunks}
    with pytest.raises(ValidationError) as raised:
        _parse_gradient_task(edge_task_file, reduction=reduction)
    assert str(raised.value).startswith(message), str(raised.value)


def _segy_bytes(tmp_path, traces: np.ndarray, interval_us: int) -> bytes:
    import segyio

    path = tmp_path / "small.segy"
    spec = segyio.spec()
    spec.format, spec.samples, spec.tracecount = 5, list(range(traces.shape[1])), len(traces)
    with segyio.create(str(path), spec) as segy:
        segy.bin.update(hdt=interval_us)
        for index, trace in enumerate(traces):
            segy.header[index] = {segyio.TraceField.TRACE_SAMPLE_INTERVAL: interval_us}
            segy.trace[index] = trace.astype(np.float32)
    return path.read_bytes()


def test_segy_velocity_in_m_per_s_reads_as_km_per_s_in_devito_order(tmp_path):
    model = np.linspace(1500, 4500, 12 * 9, dtype=np.float32).reshape(12, 9)
    velocity = read_segy_velocity(_segy_bytes(tmp_path, model, 4000), "m.segy", (12, 9))
    np.testing.assert_allclose(velocity, model / 1000, rtol=1e-6)


def test_segy_velocity_of_another_shape_names_the_file(tmp_path):
    body = _segy_bytes(tmp_path, np.full((12, 9), 2.0, np.float32), 4000)
    with pytest.raises(InputError, match=r"^m\.segy: 12 traces of 9 samples; expected a model"):
        read_segy_velocity(body, "m.segy", (61, 41))


def test_segy_shot_reads_records_and_interval(tmp_path):
    traces = np.random.default_rng(2).standard_normal((21, 151)).astype(np.float32)
    data, dt_ms = read_segy_shot(_segy_bytes(tmp_path, traces, 2000), "s.sgy")
    assert dt_ms == 2.0 and data.shape == (151, 21)
    np.testing.assert_array_equal(data, traces.T)


def test_an_unreadable_segy_file_names_the_file():
    with pytest.raises(InputError, match=r"^s\.sgy: an unreadable SEG-Y file"):
        read_segy_shot(b"not a segy file" * 300, "s.sgy")


def test_config_reads_the_batch_environment_and_threads_follow_vcpus():
    from seisless_compute.config import load_config
    from seisless_compute.tasks.runtime import prepare_runtime

    env = {"SEISLESS_BUCKET": "seisless-dev-data", "SEISLESS_TASK_KEY": "runs/a/t.json",
           "AWS_BATCH_JOB_ARRAY_INDEX": "3", "SEISLESS_VCPUS": "4", "AWS_REGION": "eu-west-1",
           "SEISLESS_REDUCER_QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/1/r.fifo"}
    config = load_config(env, needs_queue=True)
    assert (config.array_index, config.shot, config.vcpus, config.attempt) == (3, None, 4, 1)
    assert config.region == "eu-west-1"
    assert prepare_runtime(env, config) == 4 and env["OMP_NUM_THREADS"] == "4"
    assert prepare_runtime({**env, "OMP_NUM_THREADS": "2"}, config) == 2


def test_vcpus_default_to_the_cpus_this_process_may_use():
    import os

    from seisless_compute.config import detect_vcpus, load_config

    config = load_config({"SEISLESS_BUCKET": "abc", "SEISLESS_TASK_KEY": "t.json"})
    assert config.vcpus == detect_vcpus() <= len(os.sched_getaffinity(0))


@pytest.mark.parametrize(("environ", "expected"), [
    ({"OMP_NUM_THREADS": "3", "SEISLESS_VCPUS": "8"}, "3"),
    ({"SEISLESS_VCPUS": "2"}, "2"),
    ({"OPENBLAS_NUM_THREADS": "5", "OMP_NUM_THREADS": "3"}, "5"),
    ({"OMP_NUM_THREADS": "", "SEISLESS_VCPUS": "x"}, None),
])
def test_numpys_blas_gets_the_jobs_threads(environ, expected):
    from seisless_compute.config import detect_vcpus, limit_blas_threads

    environ = dict(environ)
    limit_blas_threads(environ)

    assert environ["OPENBLAS_NUM_THREADS"] == (expected or str(detect_vcpus()))


def test_a_job_process_starts_openblas_with_the_jobs_threads(tmp_path):
    import subprocess
    import sys

    script = ("import runpy, sys; sys.argv = ['seisless_compute', '--help']\n"
              "try:\n    runpy.run_module('seisless_compute', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "import os, numpy\nprint(os.environ['OPENBLAS_NUM_THREADS'])\n")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS",
                                                             "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", script], env={**env, "SEISLESS_VCPUS": "1"},
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "1"
