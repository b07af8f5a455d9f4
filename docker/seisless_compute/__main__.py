"""``python -m seisless_compute <task>``: the entry point of every AWS Batch job.

``python -m seisless_compute warm-cache SPEC.json …`` is the one command that is not a job: it
compiles the operators of run specs into the compile cache (the images run it at build time).

The task table below is the one place where tasks are declared: what each needs from the task
file and which module runs it. Everything else comes from the environment
(``docs/contracts/jobs.md``). Exit codes: 0 done; 2 bad input (one line on stderr); 1 another
expected failure worth retrying (one line); 70 an unexpected error (a traceback).
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass

from seisless_compute.config import keep_freed_memory, limit_blas_threads

# Before anything imports numpy: OpenBLAS sizes its thread pool once, when it loads.
limit_blas_threads(os.environ)
# Before the job's large temporaries: freed ones are reused, not unmapped and faulted in again.
keep_freed_memory(os.environ)

from seisless_compute.errors import SeislessError
from seisless_compute.io.taskfile import Requirements

_GRID = ("grid", "acquisition", "shots")


@dataclass(frozen=True)
class TaskDef:
    """A task: its module (with ``run(ctx) -> dict``), its needs and whether it is per shot."""

    module: str
    needs: Requirements
    per_shot: bool
    summary: str


TASKS = {
    "model": TaskDef(
        module="seisless_compute.tasks.model",
        needs=Requirements(sections=("model",), outputs=("model", "timings")),
        per_shot=False,
        summary="write a velocity model (preset, .npy or SEG-Y) and optionally its smooth "
                "background"),
    "observe": TaskDef(
        module="seisless_compute.tasks.observe",
        needs=Requirements(sections=_GRID, inputs=("velocity",), outputs=("data", "timings")),
        per_shot=True,
        summary="model one shot's observed record (+ sidecar JSON)"),
    "gradient": TaskDef(
        module="seisless_compute.tasks.gradient",
        needs=Requirements(sections=("algorithm", "reduction", *_GRID),
                           inputs=("velocity", "data"), outputs=("gradient", "timings")),
        per_shot=True,
        summary="one shot's gradient and objective, then one reduction message per chunk"),
    "objective": TaskDef(
        module="seisless_compute.tasks.objective",
        needs=Requirements(sections=("algorithm", *_GRID), inputs=("velocity", "data"),
                           outputs=("scalar", "timings")),
        per_shot=True,
        summary="one shot's objective at m + step * direction (line search)"),
    "born-norm": TaskDef(
        module="seisless_compute.tasks.born_norm",
        needs=Requirements(sections=_GRID, inputs=("velocity", "direction"),
                           outputs=("scalar", "timings")),
        per_shot=True,
        summary="one shot's ||J g||^2 (exact LS-RTM step)"),
    "sparsify": TaskDef(
        module="seisless_compute.tasks.sparsify",
        needs=Requirements(sections=("grid", "sparsity"), inputs=("direction",),
                           outputs=("model", "dual", "sparsity", "timings")),
        per_shot=False,
        summary="sparse LS-RTM: one linearized Bregman update of the image (wavelets)"),
}


def _task_name(argv: list[str]) -> str:
    """The task of a job's command line. Batch runs ``python -m seisless_compute <task>``, which
    is read directly: argparse loads only for anything else (help, a usage error), not in every
    job's start-up."""
    if len(argv) == 1 and argv[0] in TASKS:
        return argv[0]
    from seisless_compute.command_line import task_parser

    return task_parser(argv, TASKS).parse_args(argv).task


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the task (or warm-cache), map failures to exit codes."""
    from seisless_compute.io.failure_record import write_failure_record
    from seisless_compute.io.ranks import Ranks

    argv = sys.argv[1:] if argv is None else argv
    ranks = Ranks(os.environ)
    try:
        if argv[:1] == ["warm-cache"]:
            from seisless_compute.command_line import warm_cache

            warm_cache(argv[1:])
            return 0
        name = _task_name(argv)
        task = TASKS[name]
        from seisless_compute.tasks.runner import run_job

        run_job(name, importlib.import_module(task.module).run, needs=task.needs,
                per_shot=task.per_shot)
    except SeislessError as error:
        if ranks.is_root:
            print(error.line(), file=sys.stderr, flush=True)
            write_failure_record(argv[0] if argv else "", error, exit_code=error.exit_code,
                                 environ=os.environ)
        return error.exit_code
    except Exception as error:  # noqa: BLE001 - the one top-level catch: report the bug, stop every rank
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
        if ranks.is_root:
            write_failure_record(argv[0] if argv else "", error, exit_code=70, environ=os.environ)
        ranks.abort(70)
        return 70
    return 0


def _exit(code: int) -> None:
    """Exit at once when this is the only rank: every output is already in S3 and interpreter
    finalisation (atexit handlers, module teardown) costs ~0.3 s of a job's wall time. Under
    MPI the normal exit runs ``MPI_Finalize``."""
    sys.stdout.flush()
    sys.stderr.flush()
    from seisless_compute.io.ranks import Ranks

    if Ranks(os.environ).size == 1:
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    _exit(main())
