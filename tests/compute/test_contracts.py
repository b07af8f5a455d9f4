"""What the compute jobs write, validated against the core's zod contracts (``@seisless/core``).

The JSON Schemas are generated in the test run from the TypeScript schemas
(``scripts/docs/printContractSchema.ts``, zod 4's ``toJSONSchema``, unknown fields refused), so a
field added, renamed or retyped on one side only fails here. Nothing generated is committed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from seisless_compute.io.messages import GradientRef, reduction_entries

ROOT = Path(__file__).resolve().parents[2]
RUN = "runs/test"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="needs node for the schemas"
)


@pytest.fixture(scope="module")
def contract():
    """``contract(name)``: the validator of a core contract's JSON Schema (generated once per name)."""
    validators = {}

    def validator(name: str) -> jsonschema.Draft202012Validator:
        if name not in validators:
            printed = subprocess.run(
                [
                    "node",
                    "--import",
                    "tsx",
                    "scripts/docs/printContractSchema.ts",
                    name,
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            schema = json.loads(printed.stdout)
            jsonschema.Draft202012Validator.check_schema(schema)
            validators[name] = jsonschema.Draft202012Validator(schema)
        return validators[name]

    return validator


def _violations(validator, document) -> list[str]:
    return [
        f"{'.'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(document)
    ]


@pytest.fixture(scope="module")
def jobs(make_cloud, edge_task_file):
    """A bucket after a model, an observe, a gradient and an objective job on the tiny grid."""
    cloud = make_cloud()

    def run(task: str, spec: dict, **env: str) -> None:
        key = cloud.put_json(
            f"{RUN}/iterations/{spec['iteration']}/tasks/{task}.json", spec
        )
        done = cloud.run(task, key, **env)
        assert done.returncode == 0, done.stderr

    run(
        "model",
        edge_task_file(
            "model",
            iteration=0,
            shots=[],
            grid=None,
            acquisition=None,
            model={"preset": "layered", "shape": [61, 41], "spacing": [10, 10]},
            outputs={
                "model": f"{RUN}/inputs/model.npy",
                "background": f"{RUN}/inputs/background.npy",
                "timings": f"{RUN}/iterations/0/timings/model.json",
            },
        ),
    )
    observe = edge_task_file(
        "observe", iteration=0, inputs={"velocity": f"{RUN}/inputs/model.npy"}
    )
    observe["outputs"] = {
        **observe["outputs"],
        "timings": f"{RUN}/iterations/0/timings/observe-shot-{{shot}}.json",
    }
    run("observe", observe, SEISLESS_SHOT="0")
    run("gradient", edge_task_file("gradient"), SEISLESS_SHOT="0")
    cloud.put_npy(f"{RUN}/iterations/1/direction.npy", np.ones((61, 41), np.float32))
    run(
        "objective",
        edge_task_file(
            "objective",
            trial={
                "step": 0.0,
                "bounds": [1.0, 5.0],
                "direction": f"{RUN}/iterations/1/direction.npy",
            },
        ),
        SEISLESS_SHOT="0",
    )
    return cloud


@pytest.mark.parametrize(
    "key",
    [
        "iterations/0/timings/model.json",
        "iterations/0/timings/observe-shot-0.json",
        "iterations/1/timings/gradient-shot-0.json",
        "iterations/1/timings/objective-shot-0.json",
    ],
)
def test_every_task_writes_timings_the_job_timings_contract_accepts(
    jobs, contract, key
):
    timings = jobs.get_json(f"{RUN}/{key}")

    assert _violations(contract("job-timings"), timings) == []


def test_the_gradient_job_sends_messages_the_reducer_parses(jobs, contract):
    messages = jobs.messages(wait_s=0.5)

    assert len(messages) == 3  # 61 x 41 in chunks of 1000
    for message in messages:
        assert (
            _violations(contract("reduction-message"), json.loads(message["Body"]))
            == []
        )


def test_the_objective_job_writes_a_trial_scalar(jobs, contract):
    scalar = jobs.get_json(f"{RUN}/iterations/1/line-search/0/shot-0.json")

    assert _violations(contract("trial-scalar"), scalar) == []


def test_a_message_with_a_field_the_core_does_not_know_is_refused(contract):
    # Arrange: the body reduction_entries builds, plus one field the TypeScript side lacks
    ref = GradientRef("demo", 3, 17, 2, 3, (61, 41), 1000, "b", "g.npy", 128, 12.5)
    body = json.loads(reduction_entries(ref)[0]["MessageBody"])

    # Act
    violations = _violations(contract("reduction-message"), {**body, "priority": 1})

    # Assert
    assert _violations(contract("reduction-message"), body) == []
    assert violations == [
        "(root): Additional properties are not allowed ('priority' was unexpected)"
    ]
