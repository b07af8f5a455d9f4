"""What every ``<experiment>/run.py`` shares: run seisless on the local cloud, read what it left.

A run script builds a small spec from ``specs/rtm-layered.json``, runs it with the ``seisless``
CLI (``seisless run SPEC --json``: the embedded local cloud, its Batch jobs and its reducer) in
a work folder of its own (``<experiment>/runs/work/.seisless``; the packaged services are reused
from ``<repo>/.seisless/cache`` when they exist), reads the run's objects from the local S3's
folder (``iterations/{k}/summary.json`` and the jobs' ``timings/gradient-shot-{i}.json``) and
writes raw-timing rows in the paper's schema to ``<experiment>/runs/<timestamp>.csv``
(git-ignored). ``make_all_figures.py`` draws the newest such file beside the paper's.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from common.errors import FiguresError
from common.paths import EXAMPLES_DIR, REPO_ROOT

__all__ = [
    "BUCKET", "RUNS_DIR", "RunResult", "ShotJob", "gradient_rows", "iteration_summary",
    "job_timings", "layered_spec", "newest_run", "run_seisless", "run_shot_jobs",
    "section_columns", "timestamp", "write_rows",
]

BUCKET = "seisless-local-data"
RUNS_DIR = "runs"
SPEC = EXAMPLES_DIR / "specs" / "rtm-layered.json"
CLI = REPO_ROOT / "scripts" / "cli" / "seisless.mjs"
SHARED_CACHE = REPO_ROOT / ".seisless" / "cache"


@dataclass(frozen=True)
class RunResult:
    """One ``seisless run`` and where its objects are.

    Attributes
    ----------
    run_id : str
        The run.
    status : str
        The CLI's ``status`` (``SUCCEEDED``, ``FAILED``, …).
    result : dict
        The CLI's ``--json`` result (empty when it printed none).
    data_dir : Path
        The local cloud's data folder of the run.
    wall_s : float
        Seconds the CLI took, start-up of the local cloud included.
    """

    run_id: str
    status: str
    result: dict
    data_dir: Path
    wall_s: float

    def s3_path(self, key: str) -> Path:
        """Return the file s3rver keeps an object of the data bucket in."""
        return self.data_dir / "s3" / BUCKET / f"{key}._S3rver_object"

    def read_json(self, key: str) -> dict:
        """Return an object of the data bucket parsed as JSON."""
        path = self.s3_path(key)
        if not path.is_file():
            raise FiguresError(f"s3://{BUCKET}/{key}", "no such object",
                               f"an object written by run {self.run_id} ({path})")
        return json.loads(path.read_text())


def timestamp() -> str:
    """Return the UTC time as ``YYYYmmdd-HHMMSS`` (file names of the runs)."""
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime())


def layered_spec(shots: int, *, shape: Sequence[int] = (101, 51), recording_ms: int = 700,
                 extra_compute: Mapping | None = None, reduction: Mapping | None = None) -> dict:
    """Return ``specs/rtm-layered.json`` resized: ``shots`` shots, one RTM gradient of them all.

    Parameters
    ----------
    shots : int
        Sources (= gradient jobs, the batch size).
    shape : sequence of int
        Grid points (x, z) at 10 m.
    recording_ms : int
        Recording time.
    extra_compute, reduction : mapping, optional
        Merged into the spec's ``compute`` and ``reduction``.
    """
    spec = json.loads(SPEC.read_text())
    spec["description"] = f"numerical-examples run: {shots} shot(s), grid {list(shape)}"
    spec["model"]["shape"] = list(shape)
    spec["acquisition"]["sources"]["count"] = shots
    spec["acquisition"]["receivers"]["count"] = int(shape[0])
    spec["acquisition"]["recordingTimeMs"] = recording_ms
    spec["compute"].update(extra_compute or {})
    spec.setdefault("reduction", {}).update(reduction or {})
    return spec


def _environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ, SEISLESS_DATA_DIR=str(data_dir))
    if SHARED_CACHE.is_dir() and "SEISLESS_CACHE_DIR" not in os.environ:
        env["SEISLESS_CACHE_DIR"] = str(SHARED_CACHE)
    return env


def _json_result(stdout: str) -> dict:
    """Return the CLI's ``--json`` result: the object its stdout ends with ({} when none)."""
    start = stdout.find("{")
    try:
        return json.loads(stdout[start:]) if start >= 0 else {}
    except json.JSONDecodeError:
        return {}


def run_seisless(spec: dict, run_id: str, work: Path, *, faults: Mapping | None = None,
                 check: bool = True) -> RunResult:
    """Run one spec with ``seisless run --json`` on the local cloud; return where it wrote.

    Parameters
    ----------
    spec : dict
        The run spec.
    run_id : str
        A fresh run id (``^[a-z0-9][a-z0-9-]{0,39}$``).
    work : Path
        The work folder: the spec is written there, the local cloud keeps its data in
        ``work/.seisless`` and the CLI's stderr goes to ``work/<run_id>.log``.
    faults : mapping, optional
        The local cloud's fault injection (``--faults``, scripts/local-cloud/faults.ts).
    check : bool
        Raise when the run did not succeed (a run allowed to fail passes False).
    """
    work.mkdir(parents=True, exist_ok=True)
    data_dir = work / ".seisless"
    spec_path = work / f"{run_id}.json"
    spec_path.write_text(json.dumps(spec, indent=1))
    command = ["node", str(CLI), "run", str(spec_path), "--json", "--run-id", run_id]
    if faults:
        command += ["--faults", json.dumps(dict(faults))]
    started = time.perf_counter()
    with (work / f"{run_id}.log").open("w") as log:
        done = subprocess.run(command, cwd=REPO_ROOT, env=_environment(data_dir),
                              stdout=subprocess.PIPE, stderr=log, text=True, check=False)
    wall = time.perf_counter() - started
    result = _json_result(done.stdout)
    status = str(result.get("status", "NO RESULT"))
    if check and (done.returncode != 0 or status != "SUCCEEDED"):
        raise FiguresError(f"seisless run {run_id}", f"exit {done.returncode}, status {status}",
                           f"a successful run (see {work / (run_id + '.log')})")
    return RunResult(run_id, status, result, data_dir, wall)


def iteration_summary(run: RunResult, k: int = 1) -> dict:
    """Return ``runs/{runId}/iterations/{k}/summary.json`` (timings of the iteration's phases)."""
    return run.read_json(f"runs/{run.run_id}/iterations/{k}/summary.json")


def job_timings(run: RunResult, k: int = 1, task: str = "gradient") -> list[dict]:
    """Return the timings files of an iteration's jobs of one task, by shot."""
    folder = run.s3_path(f"runs/{run.run_id}/iterations/{k}/timings/x").parent
    files = sorted(folder.glob(f"{task}-shot-*.json._S3rver_object"))
    timings = [json.loads(path.read_text()) for path in files]
    return sorted(timings, key=lambda t: t["shot"])


def gradient_rows(run: RunResult, k: int = 1) -> list[dict]:
    """One row per gradient job of iteration k, in the weak-scaling schema's columns.

    ``created_s`` is the jobs' submission (the iteration's ``submittedAt``), ``started_s`` and
    ``stopped_s`` the job process's own start and end (its timings), ``image_modified_s`` the
    last accumulator write (``reductionCompleteAt``: the summed gradient is complete).
    """
    timings = iteration_summary(run, k)["timings"]
    submitted, complete = timings["submittedAt"], timings["reductionCompleteAt"]
    if submitted is None or complete is None:
        raise FiguresError(f"run {run.run_id} iteration {k} summary", "no submittedAt or "
                           "reductionCompleteAt", "a completed reduction with its timings")
    return [
        {"job_index": index, "shot": t["shot"], "attempt": t.get("attempt", 1),
         "threads": t.get("threads"), "ranks": t.get("ranks"),
         "created_s": submitted / 1000, "started_s": t["started_at"],
         "stopped_s": t["finished_at"], "image_modified_s": complete / 1000,
         "kernel_s": t.get("kernel_s"), "script_s": t.get("total_s")}
        for index, t in enumerate(job_timings(run, k))
    ]


def write_rows(rows: Iterable[Mapping], path: Path) -> Path:
    """Write rows (dicts with the same keys, first row's order) as a CSV; return the path."""
    rows = list(rows)
    if not rows:
        raise FiguresError(str(path), "no rows", "at least one measurement to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def newest_run(experiment_dir: Path) -> Path | None:
    """Return the newest ``<experiment>/runs/<timestamp>.csv``, or None when there is none."""
    files = sorted((experiment_dir / RUNS_DIR).glob("*.csv"))
    return files[-1] if files else None


def _compute_package() -> None:
    docker = str(REPO_ROOT / "docker")
    if docker not in sys.path:
        sys.path.insert(0, docker)


@dataclass(frozen=True)
class ShotJob:
    """One gradient job of one shot, run as Batch runs it, against a moto S3/SQS server.

    Attributes
    ----------
    shape : tuple of int
        Grid points (x, z) at 10 m.
    recording_ms : float
        Recording time (2 ms samples of the observed record).
    """

    shape: tuple[int, int] = (301, 151)
    recording_ms: float = 1000.0


def run_shot_jobs(job: ShotJob, configurations: Sequence[tuple[int, int]],
                  repeats: int, *, warm_up: bool = True) -> list[dict]:
    """Run ``python -m seisless_compute gradient`` once per (threads, ranks) and repeat.

    The staging (a moto server, its bucket and FIFO queue, background model, observed record and
    task file of a 2D FWI shot) is ``seisless_compute.bench``'s; the job is started as the local
    cloud's Batch starts it: ``SEISLESS_VCPUS`` threads in all, under ``mpirun -n ranks`` when
    ranks > 1, with the jobs' own operator cache (``~/.cache/seisless/devito`` or
    ``$SEISLESS_CACHE_DIR``, so later runs of the script skip compilation). One untimed run of each
    configuration first fills it (compilation is not measured; ``warm_up=False`` skips it, for
    a quick check of the output).

    Returns
    -------
    list of dict
        The job's timings file (``sections``, ``kernel_s``, ``started_at`` …) plus ``threads``,
        ``ranks``, ``run`` and ``wall_s`` (the subprocess's).
    """
    _compute_package()
    import tempfile  # noqa: PLC0415

    from seisless_compute.bench import _server, _stage  # noqa: PLC0415

    server, endpoint = _server()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="seisless-runs-") as folder:
            stage = _stage(endpoint, job.shape, recording_ms=job.recording_ms,
                           checkpointing=False)
            for threads, ranks in dict.fromkeys(configurations) if warm_up else []:
                _shot_job(stage, Path(folder), threads, ranks)
            for run in range(repeats):
                for threads, ranks in configurations:
                    timings = _shot_job(stage, Path(folder), threads, ranks)
                    rows.append({**timings, "threads": threads, "ranks": ranks, "run": run})
    finally:
        server.stop()
    return rows


def _shot_job(stage: dict, folder: Path, threads: int, ranks: int) -> dict:
    from seisless_compute.solvers.cache import default_cache_dir  # noqa: PLC0415

    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"),
           "PYTHONPATH": str(REPO_ROOT / "docker"),
           "AWS_ENDPOINT_URL_S3": stage["endpoint_url"],
           "AWS_ENDPOINT_URL_SQS": stage["endpoint_url"], "AWS_REGION": "us-east-1",
           "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
           "SEISLESS_BUCKET": stage["bucket"], "SEISLESS_TASK_KEY": "runs/bench/task.json",
           "SEISLESS_REDUCER_QUEUE_URL": stage["queue"], "SEISLESS_VCPUS": str(threads),
           "SEISLESS_CACHE_DIR": str(default_cache_dir()), "TMPDIR": str(folder / "tmp"),
           "AWS_BATCH_JOB_ID": "runs", "AWS_BATCH_JOB_ARRAY_INDEX": "0"}
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "seisless_compute", "gradient"]
    if ranks > 1:
        command = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(ranks), *command]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise FiguresError(f"gradient job ({threads} threads, {ranks} ranks)",
                           f"exit {done.returncode}: {done.stderr.strip()[-300:]}",
                           "a successful job")
    body = stage["s3"].get_object(Bucket=stage["bucket"], Key="runs/bench/timings-0.json")
    return {**json.loads(body["Body"].read()), "wall_s": wall}


def section_columns(sections: Mapping[str, float]) -> dict[str, float]:
    """Map a job's Devito sections to the OpenMP schema's columns.

    ``forward.section<k>`` → ``kernel_fwd_section<k>_s``; the adjoint's (``gradient.`` for FWI
    and RTM, ``born.`` and ``adjoint.`` otherwise) → ``kernel_adj_section<k>_s``.
    """
    columns = {}
    for name, seconds in sections.items():
        operator, _, section = name.partition(".")
        kind = "fwd" if operator == "forward" else "adj"
        if operator in ("forward", "gradient", "adjoint") and section.startswith("section"):
            key = f"kernel_{kind}_{section}_s"
            columns[key] = columns.get(key, 0.0) + seconds
    return columns
