"""Bad input ends a job with exit code 2, one line naming what to fix, and nothing written.

Each case breaks one thing in an otherwise valid ``gradient`` job (docs/contracts/jobs.md,
"Errors") and checks the line ``seisless_compute: error: <subject>: <received>; expected …``;
the only object written is the job's failure record, which carries the same line.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

TASK_KEY = "runs/test/iterations/1/tasks/gradient.json"
VELOCITY = "runs/test/inputs/background.npy"
SHOT = "runs/test/data/shot-{shot}.npy"
RECORD = "runs/test/iterations/1/failures/gradient-shot-1.json"


def _valid_inputs(cloud) -> None:
    cloud.put_npy(VELOCITY, np.full((61, 41), 2.0, np.float32))
    for shot in (0, 1):
        cloud.put_npy(SHOT.format(shot=shot), np.zeros((151, 21), np.float32))
        cloud.put_json(SHOT.format(shot=shot)[:-4] + ".json", {"dtMs": 2.0, "nt": 151})


def _set(section: str, name: str, value):
    def change(cloud, spec, env):
        spec[section] = {**spec[section], name: value}
    return change


def _put(key: str, body: bytes):
    def change(cloud, spec, env):
        cloud.s3.put_object(Bucket=cloud.bucket, Key=key, Body=body)
    return change


def _put_npy(key: str, array: np.ndarray):
    def change(cloud, spec, env):
        cloud.put_npy(key, array)
    return change


def _env(**values: str | None):
    def change(cloud, spec, env):
        for name, value in values.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
    return change


def _delete(key: str):
    def change(cloud, spec, env):
        cloud.s3.delete_object(Bucket=cloud.bucket, Key=key)
    return change


CASES = {
    "bucket unset": (_env(SEISLESS_BUCKET=None), "SEISLESS_BUCKET: unset;"),
    "bucket malformed": (_env(SEISLESS_BUCKET="Not_A_Bucket"), "SEISLESS_BUCKET: 'Not_A_Bucket';"),
    "vcpus not an integer": (_env(SEISLESS_VCPUS="two"), "SEISLESS_VCPUS: 'two'; expected an int"),
    "queue unset": (_env(SEISLESS_REDUCER_QUEUE_URL=None), "SEISLESS_REDUCER_QUEUE_URL: unset;"),
    "queue not FIFO": (_env(SEISLESS_REDUCER_QUEUE_URL="http://127.0.0.1:1/000/q"),
                       "SEISLESS_REDUCER_QUEUE_URL: 'http://127.0.0.1:1/000/q'; expected an SQS"),
    "task file missing": (_env(SEISLESS_TASK_KEY="runs/test/nothing.json"),
                          "SEISLESS_TASK_KEY: 'runs/test/nothing.json' (no such object"),
    "task file not JSON": (_put(TASK_KEY, b"{not json"), f"{TASK_KEY}: not JSON;"),
    "grid shape malformed": (_set("grid", "shape", [61]),
                             f"{TASK_KEY}:grid.shape: [61]; expected a list of 2 or 3"),
    "unknown field": (_set("outputs", "gradeint", "x.npy"),
                      f"{TASK_KEY}:outputs.gradeint: an unknown field;"),
    "source outside grid": (_set("acquisition", "sources", [[150, 20], [900, 20]]),
                            f"{TASK_KEY}:acquisition.sources[1]: [900, 20];"),
    "chunk size zero": (_set("reduction", "chunkSize", 0), f"{TASK_KEY}:reduction.chunkSize: 0;"),
    # Shot 1's window (its spread and 100 m) is the whole grid, 3 chunks: [0, 1) would lose two.
    "window outside its chunks": (
        lambda cloud, spec, env: spec.update(
            acquisition={**spec["acquisition"], "apertureM": 100},
            reduction={**spec["reduction"], "shotChunks": [[0, 3], [0, 1]]}),
        f"{TASK_KEY}:reduction.shotChunks[1]: [0, 1]; expected a range holding chunks [0, 3)"),
    "shot id not an integer": (_env(SEISLESS_SHOT="one"),
                               "SEISLESS_SHOT: 'one'; expected an integer >= 0"),
    "attempt not an integer": (_env(AWS_BATCH_JOB_ATTEMPT="x"),
                               "AWS_BATCH_JOB_ATTEMPT: 'x'; expected an integer >= 1"),
    "no vcpus": (_env(SEISLESS_VCPUS="0"), "SEISLESS_VCPUS: '0'; expected an integer >= 1"),
    "no region": (_env(AWS_REGION=None, AWS_DEFAULT_REGION=None),
                  "AWS_REGION: unset (nor AWS_DEFAULT_REGION); expected"),
    # No credentials anywhere: a job definition without a role, which no retry mends.
    "no credentials": (_env(AWS_ACCESS_KEY_ID=None, AWS_SECRET_ACCESS_KEY=None,
                            AWS_SESSION_TOKEN=None, AWS_EC2_METADATA_DISABLED="true"),
                       "AWS_ACCESS_KEY_ID: no credentials found; expected AWS_ACCESS_KEY_ID and"),
    "array index out of range": (_env(AWS_BATCH_JOB_ARRAY_INDEX="5"),
                                 "AWS_BATCH_JOB_ARRAY_INDEX: 5; expected an index below 2"),
    "model of wrong shape": (_put_npy(VELOCITY, np.full((50, 41), 2.0, np.float32)),
                             f"{VELOCITY}: shape [50, 41]; expected shape [61, 41]"),
    "model in m/s": (_put_npy(VELOCITY, np.full((61, 41), 2000.0, np.float32)),
                     f"{VELOCITY}: velocities from 2000 to 2000; expected km/s"),
    "model not npy": (_put(VELOCITY, b"velocity"), f"{VELOCITY}: b'velocity';"),
    "shot file missing": (_delete(SHOT.format(shot=1)),
                          f"{SHOT.format(shot=1)}: no such object (GetObject);"),
    "shot file unreadable": (_put(SHOT.format(shot=1), b"\x93NUMPY\x01\x00\x03\x00{}\n"),
                             f"{SHOT.format(shot=1)}: a malformed .npy header;"),
    "shot file truncated": (_put(SHOT.format(shot=1), np.zeros(3).tobytes()),
                            f"{SHOT.format(shot=1)}: b'"),
    "shot sidecar missing": (_delete("runs/test/data/shot-1.json"),
                             "runs/test/data/shot-1.json: no such object"),
    "shot with other receivers": (_put_npy(SHOT.format(shot=1), np.zeros((151, 5), np.float32)),
                                  f"{SHOT.format(shot=1)}: 5 traces; expected 21 traces"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_exits_2_with_one_line_and_writes_nothing(cloud, edge_task_file, case):
    # Arrange
    change, expected = CASES[case]
    _valid_inputs(cloud)
    spec = edge_task_file("gradient")
    env = cloud.env(TASK_KEY, AWS_BATCH_JOB_ARRAY_INDEX="1")
    change(cloud, spec, env)
    if case != "task file not JSON":
        cloud.put_json(TASK_KEY, spec)
    before = cloud.keys()

    # Act
    done = subprocess.run([sys.executable, "-m", "seisless_compute", "gradient"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)

    # Assert
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("seisless_compute: error: "), lines[0]
    assert expected in lines[0], lines[0]
    assert "; expected " in lines[0]
    # Nothing but the failure record (io/failure_record.py), when the job knew its shot by then.
    written = set(cloud.keys()) - set(before)
    assert written <= {RECORD}
    if written:
        assert cloud.get_json(RECORD)["reason"] == lines[0].removeprefix("seisless_compute: error: ")
    assert cloud.keys("runs/test/iterations/1/gradients/") == []
    assert cloud.messages(wait_s=0.2) == []


@pytest.mark.parametrize("argv", [[], ["gradients"], ["gradient", "extra"]])
def test_usage_error_exits_2_with_one_line(argv):
    # Arrange: nothing but the command line

    # Act
    done = subprocess.run([sys.executable, "-m", "seisless_compute", *argv],
                          capture_output=True, text=True, timeout=60, check=False)

    # Assert
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("seisless_compute: error: task: ")
    assert "expected one of model, observe, gradient, objective, born-norm" in done.stderr


def test_a_jobs_command_line_is_read_without_loading_argparse():
    # Arrange: the one command line Batch runs, in a fresh interpreter
    script = ("import sys, seisless_compute.__main__ as entry\n"
              "print(entry._task_name(['gradient']), 'argparse' in sys.modules)")

    # Act
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)

    # Assert
    assert done.stdout.split() == ["gradient", "False"]


# The storage is the environment: a job that cannot reach it fails as transient (exit 1, Batch
# retries it), in one line naming the object and what was expected, and writes nothing.
UNREACHABLE = {
    "S3 endpoint closed": (_env(AWS_ENDPOINT_URL_S3="http://127.0.0.1:1"),
                           "GetObject failed: no answer from http://127.0.0.1:1"),
    "task-role endpoint closed": (
        _env(AWS_ACCESS_KEY_ID=None, AWS_SECRET_ACCESS_KEY=None, AWS_SESSION_TOKEN=None,
             AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:1/v2/credentials"),
        "GetObject failed: task-role credentials from http://127.0.0.1:1/v2/credentials"),
}


@pytest.mark.parametrize("case", list(UNREACHABLE))
def test_unreachable_storage_exits_1_with_one_line(cloud, edge_task_file, case):
    # Arrange
    change, expected = UNREACHABLE[case]
    _valid_inputs(cloud)
    spec = edge_task_file("gradient")
    cloud.put_json(TASK_KEY, spec)
    env = cloud.env(TASK_KEY, AWS_BATCH_JOB_ARRAY_INDEX="1")
    change(cloud, spec, env)
    before = cloud.keys()

    # Act
    done = subprocess.run([sys.executable, "-m", "seisless_compute", "gradient"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)

    # Assert
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1, done.stderr
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"seisless_compute: error: s3://{cloud.bucket}/{TASK_KEY}: ")
    assert expected in lines[0], lines[0]
    assert lines[0].endswith("; expected a reachable service")
    assert cloud.keys() == before
