"""The task file of a job (``SEISLESS_TASK_KEY``): parsed once, validated, frozen."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from seisless_compute.errors import ConfigError, ValidationError, describe
from seisless_compute.io import data_sections, sections
from seisless_compute.io.fields import Fields, is_int, is_key, is_vector
from seisless_compute.io.precondition_section import (
    PRECONDITIONING_FIELDS,
    parse_preconditioning,
)
from seisless_compute.io.sparsity_section import SPARSITY_FIELDS, SparsitySpec
from seisless_compute.io.sparsity_section import parse_sparsity as _parse_sparsity
from seisless_compute.processing.data import Preprocessing
from seisless_compute.processing.precondition import Preconditioning

__all__ = ["Requirements", "TaskSpec", "fill_shot", "parse_task_file", "resolve_shot"]

_TOP = ("version", "runId", "iteration", "task", "algorithm", "shots", "grid", "acquisition",
        "physics", "inputs", "trial", "outputs", "model", "reduction", "preprocessing", "observed",
        "sparsity", "preconditioning")
_TTI = ("epsilon", "delta", "theta", "phi")
_INPUTS = ("velocity", "image", "direction", "data", "background", "backgroundData", "dual",
           "sparsity", *_TTI)
_OUTPUTS = ("gradient", "scalar", "data", "model", "background", "timings", "dual", "sparsity",
            *_TTI, "backgroundEpsilon", "backgroundDelta", "backgroundTheta", "backgroundPhi")
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Requirements:
    """What one task needs from the task file (declared per task in ``__main__``)."""

    sections: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ("timings",)


@dataclass(frozen=True)
class TaskSpec:
    """A validated task file. Keys in ``inputs``/``outputs`` may hold ``{shot}``."""

    source: str
    run_id: str
    iteration: int
    task: str
    algorithm: str | None
    shots: tuple[int, ...]
    grid: sections.GridSpec | None
    acquisition: sections.AcquisitionSpec | None
    physics: sections.PhysicsSpec
    model: sections.ModelSpec | None
    trial: sections.TrialSpec | None
    reduction: sections.ReductionSpec | None
    inputs: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    preprocessing: Preprocessing = field(default_factory=Preprocessing)
    observed: data_sections.ObservedSpec = field(default_factory=data_sections.ObservedSpec)
    preconditioning: Preconditioning = field(default_factory=Preconditioning)
    sparsity: SparsitySpec | None = None


def fill_shot(template: str, shot: int | None, where: str) -> str:
    """Substitute ``{shot}`` in a key template (an error when there is no shot to put there)."""
    if "{shot}" in template and shot is None:
        raise ValidationError(where, describe(template), "a key without {shot} for this task")
    return template if shot is None else template.replace("{shot}", str(shot))


def _keys(fields: Fields | None, required: tuple[str, ...]) -> dict[str, str]:
    data = {} if fields is None else fields.data
    for name in required:
        if name not in data and fields is not None:
            raise fields.error(name, "missing", "an S3 key")
    if fields is None:
        return {}
    return {name: fields.get(name, is_key, "an S3 key without spaces") for name in data}


def _json(body: bytes, source: str):
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise ValidationError(source, "not JSON", "a task file in JSON") from error


def parse_task_file(body: bytes, source: str, *, task: str, needs: Requirements) -> TaskSpec:
    """Parse and validate a task file for ``task``.

    Parameters
    ----------
    body : bytes
        The object's content.
    source : str
        Its key, used in error messages (``<key>:<field>``).
    task : str
        The command-line task, which the file's ``task`` must equal.
    needs : Requirements
        The sections, input keys and output keys ``task`` cannot do without.

    Raises
    ------
    ValidationError
        Naming the first bad or missing field.
    """
    root = Fields(_json(body, source), source, path="", allowed=_TOP)
    for name in needs.sections:
        if root.data.get(name) is None:
            raise root.error(name, "missing", f"a '{name}' section for the {task} task")
    root.get("version", lambda v: v == 1, "1")
    root.get("task", lambda v: v == task, f"'{task}', the task on the command line")
    shots = tuple(root.get("shots", lambda v: is_vector(v, None, is_int) and len(set(v)) == len(v),
                           "a list of distinct shot ids", default=[]))
    grid = _section(root, "grid", allowed=("shape", "spacing", "origin"),
                    parse=sections.parse_grid)
    acquisition = None
    if root.data.get("acquisition") is not None:
        acquisition = sections.parse_acquisition(root.child("acquisition", (
            "sources", "receivers", "recordingTimeMs", "peakFrequencyHz", "samplingMs",
            "apertureM", "receiversFollowSource", "geometryFromData", "maxOffsetM")),
            _need(root, grid, "grid"))
        _check_shots(root, shots, len(acquisition.sources))
    reduction = _section(root, "reduction", allowed=("chunkSize", "batchSize", "shotChunks"),
                         parse=lambda f: sections.parse_reduction(
                             f, len(shots), None if grid is None else grid.shape))
    return TaskSpec(
        source=source,
        run_id=root.get("runId", lambda v: isinstance(v, str) and bool(_RUN_ID.match(v)),
                        "letters, digits, '-', '_' or '.', at most 64"),
        iteration=root.get("iteration", is_int, "a non-negative integer", default=0),
        task=task,
        algorithm=root.get("algorithm", lambda v: v in ("fwi", "lsrtm", "rtm"),
                           "'fwi', 'lsrtm' or 'rtm'", default=None),
        shots=shots, grid=grid, acquisition=acquisition,
        physics=sections.parse_physics(root.child("physics", (
            "spaceOrder", "nbl", "imagingCondition", "checkpointing", "vpMaxKmS",
            "wavefieldSubsampling", "kind"), required=False)),
        model=_section(root, "model", allowed=("preset", "key", "shape", "spacing", "smoothingM",
                                               "anisotropy"),
                       parse=sections.parse_model),
        trial=_section(root, "trial", allowed=("step", "direction", "bounds"),
                       parse=sections.parse_trial),
        reduction=reduction,
        inputs=_keys(root.child("inputs", _INPUTS, required=bool(needs.inputs)), needs.inputs),
        outputs=_keys(root.child("outputs", _OUTPUTS), needs.outputs),
        preprocessing=data_sections.parse_preprocessing(root.child(
            "preprocessing", data_sections.PREPROCESSING_FIELDS, required=False)),
        observed=data_sections.parse_observed(root.child(
            "observed", data_sections.OBSERVED_FIELDS, required=False)),
        sparsity=_section(root, "sparsity", allowed=SPARSITY_FIELDS, parse=_parse_sparsity),
        preconditioning=parse_preconditioning(root.child(
            "preconditioning", PRECONDITIONING_FIELDS, required=False)),
    )


def _section(root: Fields, name: str, *, allowed: tuple[str, ...], parse):
    child = root.child(name, allowed, required=False)
    return None if child is None else parse(child)


def _need(root: Fields, value, name: str):
    if value is None:
        raise root.error(name, "missing", f"a '{name}' section")
    return value


def _check_shots(root: Fields, shots: tuple[int, ...], source_count: int) -> None:
    for index, shot in enumerate(shots):
        if shot >= source_count:
            raise root.error(f"shots[{index}]", str(shot),
                             f"a shot id below {source_count}, the number of acquisition.sources")


def resolve_shot(spec: TaskSpec, shot: int | None, array_index: int | None) -> tuple[int, int]:
    """The shot of this job and its position in ``shots`` (the reducer's batch index).

    ``SEISLESS_SHOT`` wins over ``AWS_BATCH_JOB_ARRAY_INDEX``; a task file listing a single shot
    needs neither.
    """
    if shot is not None:
        if shot not in spec.shots:
            raise ConfigError("SEISLESS_SHOT", str(shot), f"one of the task file's shots {list(spec.shots)}")
        return shot, spec.shots.index(shot)
    if array_index is not None:
        if array_index >= len(spec.shots):
            raise ConfigError("AWS_BATCH_JOB_ARRAY_INDEX", str(array_index),
                              f"an index below {len(spec.shots)}, the number of shots")
        return spec.shots[array_index], array_index
    if len(spec.shots) == 1:
        return spec.shots[0], 0
    raise ConfigError("AWS_BATCH_JOB_ARRAY_INDEX", "unset",
                      f"an index into the {len(spec.shots)} shots, or SEISLESS_SHOT")
