"""Runs one task as a job: configuration, task file, the task itself, then its timings."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, MutableMapping

from seisless_compute.config import load_config
from seisless_compute.errors import ConfigError, InputError
from seisless_compute.io.arrays import write_json
from seisless_compute.io.ranks import Ranks
from seisless_compute.io.storage import S3Store
from seisless_compute.io.taskfile import Requirements, parse_task_file, resolve_shot
from seisless_compute.io.timings import Stopwatch, process_started_at
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.runtime import prepare_runtime

__all__ = ["run_job"]

TaskBody = Callable[[JobContext], dict]


def _read_task(store: S3Store, config, task: str, *, needs: Requirements,
               per_shot: bool) -> dict:
    try:
        body = store.get(config.task_key)
    except InputError as error:
        raise ConfigError("SEISLESS_TASK_KEY", f"{config.task_key!r} ({error.received})",
                          f"the key of a task file in bucket {config.bucket}") from error
    spec = parse_task_file(body, config.task_key, task=task, needs=needs)
    shot, batch_index = None, None
    if per_shot:
        shot, batch_index = resolve_shot(spec, config.shot, config.array_index)
    return {"spec": spec, "shot": shot, "batch_index": batch_index}


def run_job(task: str, body: TaskBody, *, needs: Requirements, per_shot: bool,
            environ: MutableMapping[str, str] | None = None) -> None:
    """Run ``body`` as the job ``task`` and write its timings (rank 0).

    Parameters
    ----------
    task : str
        Name on the command line (``gradient``, …).
    body : callable
        The task: ``(JobContext) -> dict`` of extra timings fields, including the solver's.
    needs : Requirements
        What the task file must provide for this task.
    per_shot : bool
        Whether the job processes one shot (every task but ``model``).
    environ : MutableMapping, optional
        The process environment (``os.environ``).

    Raises
    ------
    SeislessError
        Any expected failure; nothing after the failing step is written.
    """
    environ = os.environ if environ is None else environ
    watch = Stopwatch(process_started_at())
    watch.add("startup", time.time() - watch.started_at)
    with watch.phase("config"):
        config = load_config(environ, needs_queue=task == "gradient")
        ranks = Ranks(environ)
        threads = prepare_runtime(environ, config)
        store = S3Store(config.bucket, region=config.region)
        job = ranks.share(lambda: _read_task(store, config, task, needs=needs,
                                             per_shot=per_shot))
    ctx = JobContext(config=config, spec=job["spec"], store=store, ranks=ranks, watch=watch,
                     shot=job["shot"], batch_index=job["batch_index"])
    try:
        for name in needs.outputs:  # a bad key template fails now, not after the computation
            ctx.output_key(name)
        result = body(ctx)
        if ctx.store.has_later_writes:  # what the task sent while computing is written now
            with watch.phase("write"):
                ctx.store.flush()
        if ranks.is_root:
            timings = _timings(ctx, task, threads=threads, result=result)
            write_json(store, ctx.output_key("timings"), timings)
    except Exception as error:
        error.seisless_shot = ctx.shot  # the failure record's shot (io/failure_record.py)
        raise


def _compute_parts(ctx: JobContext, result: dict) -> dict:
    """The ``compute`` phase by part: ``kernel`` (the operators' sections), ``operators``
    (compiling or loading them), the solver's and the task's named work, and ``other``, the
    rest (Python around them)."""
    compute = ctx.watch.phases.get("compute")
    if compute is None:
        return {}
    parts = {"kernel": result.get("kernel_s", 0.0), "operators": result.get("compile_s", 0.0)}
    for name, seconds in [*result.get("compute_parts", {}).items(), *ctx.watch.parts.items()]:
        parts[name] = parts.get(name, 0.0) + seconds
    parts["other"] = max(compute - sum(parts.values()), 0.0)
    return {"compute_parts": parts}


def _peak_rss_mib() -> float:
    """This process' peak resident memory, MiB (Linux reports ``ru_maxrss`` in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _timings(ctx: JobContext, task: str, *, threads: int, result: dict) -> dict:
    finished = time.time()
    total = finished - ctx.watch.started_at
    return {
        "task": task, "runId": ctx.spec.run_id, "iteration": ctx.spec.iteration,
        "shot": ctx.shot, "jobId": ctx.config.job_id, "attempt": ctx.config.attempt,
        "vcpus": ctx.config.vcpus, "threads": threads, "ranks": ctx.ranks.size,
        "kernel_s": 0.0, "sections": {}, "compile_s": 0.0, "compile_cached": None,
        **result, **_compute_parts(ctx, result),
        "io_read_s": ctx.store.read_s, "io_write_s": ctx.store.write_s,
        "bytes_read": ctx.store.bytes_read, "bytes_written": ctx.store.bytes_written,
        "phases": dict(ctx.watch.phases), "peak_rss_mib": _peak_rss_mib(), "total_s": total,
        "started_at": ctx.watch.started_at, "finished_at": finished,
    }
