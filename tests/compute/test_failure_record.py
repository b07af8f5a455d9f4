"""A failed job's record is the contract of ``packages/core/src/jobs/jobFailure.ts``: the schema
and the key come from the TypeScript side (zod 4's ``z.toJSONSchema``, generated here, committed
nowhere), so a change on either side that breaks the other fails this test."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from seisless_compute.errors import InputError
from seisless_compute.io.failure_record import (
    failure_key,
    failure_record,
    write_failure_record,
)

ROOT = Path(__file__).resolve().parents[2]
TASK_KEY = "runs/test/iterations/1/tasks/gradient.json"
VELOCITY = "runs/test/inputs/background.npy"
KEY_CASES = [
    ("runs/test/iterations/1/tasks/gradient.json", 1),
    ("runs/demo-2/iterations/3/tasks/objective-1.json", 4),
    ("runs/demo/iterations/0/tasks/model.json", None),
    ("somewhere/else/task.json", 2),
]

_CORE = """
import { z } from 'zod';
import { jobFailureKey, jobFailureRecordSchema } from './packages/core/src/jobs/jobFailure';
const cases: [string, number | null][] = JSON.parse(process.argv[1] ?? '[]');
const keys = cases.map(([taskKey, shot]) => jobFailureKey(taskKey, shot ?? undefined) ?? null);
console.log(JSON.stringify({ schema: z.toJSONSchema(jobFailureRecordSchema), keys }));
"""


@pytest.fixture(scope="module")
def core() -> dict:
    """The record's JSON Schema and the keys of KEY_CASES, as packages/core computes them."""
    done = subprocess.run([str(ROOT / "node_modules/.bin/tsx"), "-e", _CORE, json.dumps(KEY_CASES)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def _validator(core: dict) -> Draft202012Validator:
    return Draft202012Validator(core["schema"], format_checker=FormatChecker())


def test_the_key_is_the_one_core_derives_from_the_task_key(core):
    assert [failure_key(task_key, shot) for task_key, shot in KEY_CASES] == core["keys"]


def test_a_refused_input_leaves_a_record_in_the_core_schema(cloud, edge_task_file, core):
    # Arrange: shot 1's velocity object has the wrong shape
    cloud.put_npy(VELOCITY, np.full((50, 41), 2.0, np.float32))
    cloud.put_json(TASK_KEY, edge_task_file("gradient"))

    # Act
    done = cloud.run("gradient", TASK_KEY, AWS_BATCH_JOB_ARRAY_INDEX="1",
                     AWS_BATCH_JOB_ID="abc:1", AWS_BATCH_JOB_ATTEMPT="2")

    # Assert
    assert done.returncode == 2, done.stderr
    record = cloud.get_json("runs/test/iterations/1/failures/gradient-shot-1.json")
    assert list(_validator(core).iter_errors(record)) == []
    assert record["reason"] == done.stderr.strip().removeprefix("seisless_compute: error: ")
    assert "background.npy: shape [50, 41]; expected shape [61, 41]" in record["reason"]
    assert {k: record[k] for k in ("task", "shot", "kind", "error", "exitCode", "jobId", "attempt")} == {
        "task": "gradient", "shot": 1, "kind": "bad-input", "error": "InputError", "exitCode": 2,
        "jobId": "abc:1", "attempt": 2}
    assert record["subject"] == f"s3://{cloud.bucket}/{VELOCITY}"


def test_a_bug_is_recorded_as_internal_in_the_core_schema(core):
    error = KeyError("nbl\nsecond line")

    record = failure_record("model", error, exit_code=70, shot=None,
                            environ={"AWS_BATCH_JOB_ID": "j1"})

    assert list(_validator(core).iter_errors(record)) == []
    assert record["kind"] == "internal"
    assert record["reason"] == "KeyError: 'nbl\\nsecond line'"
    assert "shot" not in record and "subject" not in record


def test_an_unwritable_record_neither_raises_nor_prints(monkeypatch, capsys):
    # Arrange: S3 is a closed port
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    error = InputError("s3://b/k.npy", "shape [3]", "shape [4]")
    error.seisless_shot = 0
    environ = {"SEISLESS_BUCKET": "b", "SEISLESS_TASK_KEY": TASK_KEY, "AWS_REGION": "us-east-1"}

    # Act
    key = write_failure_record("gradient", error, exit_code=2, environ=environ)

    # Assert
    assert key is None
    assert capsys.readouterr() == ("", "")


def test_a_per_shot_job_without_its_shot_writes_nothing(cloud):
    environ = {"SEISLESS_BUCKET": cloud.bucket, "SEISLESS_TASK_KEY": TASK_KEY}

    error = InputError("SEISLESS_SHOT", "'x'", "a shot id")

    key = write_failure_record("gradient", error, exit_code=2, environ=environ)

    assert key is None
    assert cloud.keys("runs/test/iterations/1/failures/") == []
