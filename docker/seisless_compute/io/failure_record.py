"""The failure record a job leaves beside its outputs, so its one-line reason reaches the user.

The job's stderr line stays in its log, which neither the state machine nor the person running
``seisless`` reads. The record (``packages/core/src/jobs/jobFailure.ts``, the schema this module
must satisfy; ``docs/contracts/jobs.md``) carries the same line and its kind, and the submitter's
``progress`` puts it into ``JobsFailedError``. Writing it is best effort: it must never hide the
error that ended the job, nor change the exit code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from seisless_compute.errors import SeislessError

__all__ = ["failure_key", "failure_record", "write_failure_record"]

_TASK_KEY = re.compile(r"^runs/([^/]+)/iterations/(\d+)/tasks/([^/]+)\.json$")
_TASKS = ("model", "observe", "gradient", "objective", "born-norm", "sparsify")
_KINDS = {2: "bad-input", 70: "internal"}
_MAX_REASON = 500
# The job is already failing: a short, bounded attempt, never the job's own retry budget.
_CLIENT_OPTIONS = {"attempts": 2, "connect_timeout": 3, "read_timeout": 5}


def failure_key(task_key: str, shot: int | None) -> str | None:
    """The record's key, derived from the task file's key like ``jobFailureKey`` in core.

    ``runs/r/iterations/3/tasks/objective-1.json`` and shot 4 give
    ``runs/r/iterations/3/failures/objective-1-shot-4.json``; ``None`` outside the run layout.
    """
    match = _TASK_KEY.match(task_key)
    if match is None:
        return None
    run_id, k, name = match.groups()
    suffix = "" if shot is None else f"-shot-{shot}"
    return f"runs/{run_id}/iterations/{k}/failures/{name}{suffix}.json"


def _one_line(text: str) -> str:
    line = " ".join(text.split()) or "no message"
    return line if len(line) <= _MAX_REASON else line[: _MAX_REASON - 3] + "..."


def failure_record(task: str, error: BaseException, *, exit_code: int, shot: int | None,
                   environ: Mapping[str, str]) -> dict:
    """The record of a job that ends with ``error`` and ``exit_code``.

    Parameters
    ----------
    task : str
        The task on the command line (``gradient``, …).
    error : BaseException
        What ended the job: a ``SeislessError`` (its line) or a bug (its type and message).
    exit_code : int
        The process's exit code: 2 bad input, 70 a bug, else worth retrying.
    shot : int or None
        The job's shot, when it was resolved.
    environ : Mapping
        The job's environment (``AWS_BATCH_JOB_ID``, ``AWS_BATCH_JOB_ATTEMPT``).
    """
    expected = isinstance(error, SeislessError)
    record = {
        "version": 1, "task": task, "kind": _KINDS.get(exit_code, "transient"),
        "reason": _one_line(str(error) if expected else f"{type(error).__name__}: {error}"),
        "error": error.name if expected else type(error).__name__,
        "exitCode": exit_code,
        "failedAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    if shot is not None:
        record["shot"] = shot
    if expected:
        record["subject"] = _one_line(error.subject)
    if environ.get("AWS_BATCH_JOB_ID"):
        record["jobId"] = environ["AWS_BATCH_JOB_ID"]
    if environ.get("AWS_BATCH_JOB_ATTEMPT", "").isdigit() and int(environ["AWS_BATCH_JOB_ATTEMPT"]) > 0:
        record["attempt"] = int(environ["AWS_BATCH_JOB_ATTEMPT"])
    return record


def write_failure_record(task: str, error: BaseException, *, exit_code: int,
                         environ: Mapping[str, str]) -> str | None:
    """Write the record beside the job's outputs; returns its key, or ``None`` when not written.

    The shot is the one ``tasks.runner.run_job`` attached to the error (``seisless_shot``); a
    per-shot job that failed before resolving its shot leaves no record. Never raises, and
    prints nothing: stderr keeps the one line of the jobs contract, and a record that cannot be
    written (no bucket or task key, S3 unreachable, access denied) leaves the submitter with
    Batch's reason, as before.
    """
    shot = getattr(error, "seisless_shot", None)
    bucket, task_key = environ.get("SEISLESS_BUCKET"), environ.get("SEISLESS_TASK_KEY", "")
    key = failure_key(task_key, shot)
    shotless = task in ("model", "sparsify")
    if task not in _TASKS or not bucket or key is None or (shot is None and not shotless):
        return None
    try:
        import json

        from seisless_compute.io.aws import S3Client

        client = S3Client(environ=environ, **_CLIENT_OPTIONS)
        body = json.dumps(failure_record(task, error, exit_code=exit_code, shot=shot,
                                         environ=environ)).encode()
        client.put_object(bucket, key, body, content_type="application/json")
    except Exception:  # noqa: BLE001 - best effort: the job's own error comes first
        return None
    return key
