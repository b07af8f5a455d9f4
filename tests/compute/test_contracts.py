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


# --- The task file: what the submitter builds, the job's parser accepts. -----------------------

_ACQUISITION = {
    "sources": {"count": 3, "depthM": 20},
    "receivers": {"count": 11, "depthM": 20},
    "recordingTimeMs": 500,
    "peakFrequencyHz": 10,
}
_TASK_FILE_CASES = {
    # Sparse LS-RTM of Born data, preprocessed and preconditioned: every task but objective.
    "sparse-lsrtm": (
        {
            "model": {"preset": "layered", "shape": [61, 41], "spacing": [10, 10]},
            "background": {"smoothingM": 50},
            "acquisition": {**_ACQUISITION, "samplingMs": 4},
            "observed": {"synthetic": True, "modelling": "born"},
            "data": {
                "topMute": {"velocityMS": 1500},
                "bandpass": {"lowHz": 3, "highHz": 20},
                "timeWindowMs": [0, 400],
            },
            "algorithm": {
                "kind": "lsrtm",
                "iterations": 3,
                "batchSize": 2,
                "step": {"rule": "exact"},
                "sparsity": {},
            },
            "compute": {"imagingCondition": "isic", "wavefieldSubsampling": "auto"},
            "preconditioning": {
                "waterMute": {"fromModel": {"velocityBelowMS": 1600}},
                "depthScaling": {},
                "illumination": {},
            },
        },
        [
            {"kind": "model", "iteration": 0},
            {"kind": "observe", "iteration": 0},
            {"kind": "gradient", "iteration": 2, "shots": [2, 0]},
            {"kind": "born-norm", "iteration": 2, "shots": [2, 0], "trial": {"index": 0, "step": 0}},
            {"kind": "sparsify", "iteration": 2, "step": 0.5},
        ],
    ),
    # RTM of recorded reflections with a towed streamer and per-shot apertures, a model object;
    # chunks small enough for the windows to touch only some (reduction.shotChunks).
    "rtm-streamer": (
        {
            "model": {"key": "uploads/vp.npy", "shape": [201, 41], "spacing": [10, 10]},
            "reduction": {"chunkSize": 1024},
            "background": {"smoothingM": 40},
            "acquisition": {
                **_ACQUISITION,
                "sources": {"positions": [[300, 20], [500, 20]]},
                "receivers": {"count": 5, "depthM": 10, "xRangeM": [-200, 0]},
                "receiversFollowSource": True,
                "apertureM": 100,
            },
            "observed": {"keyTemplate": "uploads/shot-{shot}.npy"},
            "algorithm": {"kind": "rtm"},
        },
        [
            {"kind": "model", "iteration": 0},
            {"kind": "gradient", "iteration": 1, "shots": [0, 1]},
        ],
    ),
    # FWI with geometry from the records, velocity bounds on the trials and a water mute by depth.
    "fwi-recorded": (
        {
            "model": {"preset": "camembert", "shape": [61, 61], "spacing": [10, 10]},
            "acquisition": {**_ACQUISITION, "geometryFromData": True},
            "observed": {"keyTemplate": "uploads/shot-{shot}.segy"},
            "algorithm": {
                "kind": "fwi",
                "iterations": 4,
                "batchSize": 2,
                "step": {"rule": "armijo", "initial": 1},
                "bounds": {"minKmS": 1.4, "maxKmS": 4},
            },
            "compute": {"checkpointing": True},
            "preconditioning": {"waterMute": {"depthM": 40}},
        },
        [
            {"kind": "gradient", "iteration": 2, "shots": [1, 2]},
            {"kind": "objective", "iteration": 2, "shots": [1, 2], "trial": {"index": 1, "step": 0.5}},
        ],
    ),
    # 3D TTI RTM: parameters from objects and numbers, an areal receiver grid, limited offset.
    "tti-3d": (
        {
            "physics": "tti",
            "model": {
                "key": "uploads/vp.npy", "shape": [21, 21, 15], "spacing": [10, 10, 10],
                "anisotropy": {"epsilon": "uploads/eps.npy", "delta": 0.05,
                               "theta": "uploads/theta.segy", "phi": 30},
            },
            "background": {"smoothingM": 40},
            "acquisition": {
                **_ACQUISITION,
                "sources": {"count": [2, 2], "depthM": 10, "xRangeM": [50, 150],
                            "yRangeM": [50, 150]},
                "receivers": {"count": [5, 5], "depthM": 10},
                "maxOffsetM": 120,
                "apertureM": 30,
            },
            "algorithm": {"kind": "rtm"},
        },
        [
            {"kind": "model", "iteration": 0},
            {"kind": "observe", "iteration": 0},
            {"kind": "gradient", "iteration": 1, "shots": [0, 3]},
        ],
    ),
}


@pytest.fixture(scope="module")
def task_files() -> list[dict]:
    """The task file of every request of _TASK_FILE_CASES, as the submitter builds it."""
    built = []
    for name, (spec, requests) in _TASK_FILE_CASES.items():
        printed = subprocess.run(
            ["node", "--import", "tsx", "scripts/docs/printTaskFiles.ts"],
            input=json.dumps(
                {"spec": spec, "requests": [{"runId": name, **r} for r in requests]}
            ),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert printed.returncode == 0, printed.stderr
        built.extend(json.loads(printed.stdout))
    return built


def _parse(task: dict):
    from seisless_compute.__main__ import TASKS
    from seisless_compute.io.taskfile import parse_task_file

    key = f"runs/{task['runId']}/iterations/{task['iteration']}/tasks/{task['task']}.json"
    return parse_task_file(
        json.dumps(task).encode(), key, task=task["task"], needs=TASKS[task["task"]].needs
    )


def _field_paths(node: dict, defs: dict, prefix: str = "") -> set[str]:
    """Every field a JSON Schema object node names, nested objects as ``parent.child``."""
    node = defs.get(node.get("$ref", "").split("/")[-1], node)
    paths = set()
    for branch in [node, *node.get("anyOf", []), *node.get("oneOf", [])]:
        for name, child in branch.get("properties", {}).items():
            paths.add(prefix + name)
            paths |= _field_paths(child, defs, f"{prefix}{name}.")
    return paths


def _present_paths(value, prefix: str = "") -> set[str]:
    if not isinstance(value, dict):
        return set()
    return {
        path
        for name, child in value.items()
        for path in {prefix + name} | _present_paths(child, f"{prefix}{name}.")
    }


def test_the_submitter_writes_every_task_kind_and_every_field_of_the_contract(
    task_files, contract
):
    schema = contract("task-file").schema
    written = set().union(*(_present_paths(task) for task in task_files))

    assert {task["task"] for task in task_files} == {
        "model", "observe", "gradient", "objective", "born-norm", "sparsify"
    }
    assert _field_paths(schema, schema.get("$defs", {})) - written == set()
    for task in task_files:
        assert _violations(contract("task-file"), task) == [], task["task"]


def test_the_job_parses_every_task_file_the_submitter_writes(task_files):
    for task in task_files:
        parsed = _parse(task)

        assert (parsed.run_id, parsed.iteration, parsed.task) == (
            task["runId"], task["iteration"], task["task"]
        )
        assert parsed.shots == tuple(task["shots"])
        assert parsed.outputs == task["outputs"]
        assert parsed.inputs == task.get("inputs", {})


def test_the_job_reads_the_sections_as_the_submitter_means_them(task_files):
    by_kind = {(t["runId"], t["task"]): _parse(t) for t in task_files}

    objective = by_kind[("fwi-recorded", "objective")]
    sparsify = by_kind[("sparse-lsrtm", "sparsify")]
    gradient = by_kind[("sparse-lsrtm", "gradient")]
    assert objective.trial.bounds == (1.4, 4.0) and objective.trial.step == 0.5
    assert objective.physics.vp_max_kms == 4.0 and objective.physics.checkpointing
    assert sparsify.sparsity.step == 0.5
    assert gradient.reduction.batch_size == 2
    assert gradient.physics.wavefield_subsampling == "auto"
    streamer = by_kind[("rtm-streamer", "gradient")]
    assert streamer.acquisition.receivers_follow_source
    assert streamer.reduction.shot_chunks == ((0, 3), (0, 3))
    assert gradient.reduction.shot_chunks is None
    tti = by_kind[("tti-3d", "gradient")]
    assert tti.physics.kind == "tti" and tti.acquisition.max_offset_m == 120
    assert len(tti.acquisition.sources) == 4 and len(tti.acquisition.receivers) == 25
    assert set(tti.inputs) >= {"epsilon", "delta", "theta", "phi"}
    assert by_kind[("tti-3d", "model")].model.anisotropy == {
        "epsilon": "uploads/eps.npy", "delta": 0.05, "theta": "uploads/theta.segy", "phi": 30}


def test_each_shot_window_lies_in_the_chunks_the_submitter_assigns_it(task_files):
    from seisless_compute.tasks.aperture import shot_frame
    from seisless_compute.tasks.shot_geometry import shot_positions

    for task in task_files:
        spec = _parse(task)
        if spec.reduction is None or spec.reduction.shot_chunks is None:
            continue
        for index, shot in enumerate(spec.shots):
            positions = shot_positions(spec.acquisition, spec.grid, shot)
            frame = shot_frame(spec.grid, positions, spec.acquisition.aperture_m)

            # The job's window (tasks/aperture.py) and the submitter's (coverage.ts) agree.
            assert frame.chunks(spec.reduction.chunk_size) == spec.reduction.shot_chunks[index]


def test_messages_with_shot_chunks_are_ones_the_reducer_parses(contract):
    ref = GradientRef("demo", 3, 17, 1, 3, (61, 41), 500, "b", "g.npy", 128, 12.5,
                      coverage=((0, 3), (2, 4), (1, 3)))
    bodies = [json.loads(e["MessageBody"]) for e in reduction_entries(ref)]

    assert [b["chunk"] for b in bodies] == [2, 3]
    for body in bodies:
        assert _violations(contract("reduction-message"), body) == []


def test_a_task_file_with_a_field_the_core_does_not_know_is_refused(task_files, contract):
    from seisless_compute.errors import ValidationError

    task = {**task_files[0], "priority": 1}

    assert _violations(contract("task-file"), task) == [
        "(root): Additional properties are not allowed ('priority' was unexpected)"
    ]
    with pytest.raises(ValidationError, match="priority"):
        _parse(task)
