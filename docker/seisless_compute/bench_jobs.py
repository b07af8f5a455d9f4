"""Job benchmark: where the demo's gradient and born-norm jobs spend their wall time.

``.venv/bin/python -m seisless_compute.bench_jobs`` stages one shot of the README
demo (``numerical-examples/specs/lsrtm-demo.json``: 601 x 301 at 10 m, 3 s, 15 Hz, 301
receivers, LS-RTM with its preconditioning) on a moto S3/SQS server and runs its ``gradient`` and
``born-norm`` jobs as AWS Batch does (a fresh ``python -m seisless_compute`` process each), with a
warm compile cache: one untimed run fills it, then ``--repeat`` timed runs; the median is kept.

``--baseline DIR`` also runs the same jobs with the code of another checkout (its ``docker/``
first on ``PYTHONPATH``, its own compile cache), interleaved with this one's, e.g.::

    git worktree add /tmp/prev HEAD~3
    .venv/bin/python -m seisless_compute.bench_jobs --baseline /tmp/prev

Per job it prints one readable line, and as its LAST line one JSON object: for each code and job,
the subprocess wall time, the kernel time, ``wall/kernel``, the fixed cost (process start to the
first kernel, when the job's timings carry ``first_kernel_at``), the phases and the parts of the
``compute`` phase.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

#: The demo's run spec, whose shot this is; its wavefield subsampling is followed.
DEMO_SPEC = Path(__file__).resolve().parents[2] / "numerical-examples" / "specs" / "lsrtm-demo.json"
#: The demo's shot (numerical-examples/specs/lsrtm-demo.json).
SHAPE, SPACING = (601, 301), (10.0, 10.0)
RECORDING_MS, PEAK_HZ, RECEIVERS, DEPTH_M = 3000.0, 15.0, 301, 20.0
PREFIX = "runs/bench-jobs"


def _velocity() -> np.ndarray:
    """A smooth layered background, 1.5 km/s water to 3.5 km/s (``x``, ``z`` axes)."""
    z = np.arange(SHAPE[1], dtype=np.float64) * SPACING[1]
    column = np.clip(1.5 + 2.0 * (z - 400.0) / 2600.0, 1.5, 3.5).astype(np.float32)
    return np.ascontiguousarray(np.broadcast_to(column, SHAPE))


def _demo_subsampling() -> int | str:
    """The demo spec's ``compute.wavefieldSubsampling`` (1 when absent or unreadable)."""
    try:
        spec = json.loads(DEMO_SPEC.read_text())
    except (OSError, ValueError):
        return 1
    return spec.get("compute", {}).get("wavefieldSubsampling", 1)


def _task(task: str) -> dict:
    width = (SHAPE[0] - 1) * SPACING[0]
    receivers = [[x, DEPTH_M] for x in np.linspace(0.0, width, RECEIVERS).tolist()]
    spec = {
        "version": 1, "runId": "bench-jobs", "iteration": 1, "task": task, "algorithm": "lsrtm",
        "shots": [0],
        "grid": {"shape": list(SHAPE), "spacing": list(SPACING), "origin": [0.0, 0.0]},
        "acquisition": {"sources": [[width / 2, DEPTH_M]], "receivers": receivers,
                        "recordingTimeMs": RECORDING_MS, "peakFrequencyHz": PEAK_HZ},
        "physics": {"spaceOrder": 8, "nbl": 40, "imagingCondition": "standard",
                    "checkpointing": False, "wavefieldSubsampling": _demo_subsampling()},
        "inputs": {"velocity": f"{PREFIX}/vp.npy", "data": f"{PREFIX}/shot-{{shot}}.npy",
                   "image": f"{PREFIX}/image.npy", "direction": f"{PREFIX}/direction.npy"},
        "outputs": {"gradient": f"{PREFIX}/gradient-{{shot}}.npy",
                    "scalar": f"{PREFIX}/born-norm-{{shot}}.json",
                    "timings": f"{PREFIX}/timings/{task}-{{shot}}.json"},
        "reduction": {"chunkSize": 32768, "batchSize": 1},
    }
    if task == "gradient":
        spec["preconditioning"] = {"waterMute": {"fromModel": {"velocityBelowMS": 1600}},
                                   "depthScaling": {"power": 1}}
    else:
        spec["inputs"] = {k: spec["inputs"][k] for k in ("velocity", "direction")}
    return spec


def _stage(endpoint: str) -> dict:
    """Bucket, FIFO queue, the background, an image, a direction, a record and the task files."""
    import boto3

    from seisless_compute.io import npy

    kw = {"endpoint_url": endpoint, "region_name": "us-east-1",
          "aws_access_key_id": "bench", "aws_secret_access_key": "bench"}
    s3, sqs = boto3.client("s3", **kw), boto3.client("sqs", **kw)
    bucket = f"seisless-bench-jobs-{os.getpid()}-{int(time.time())}"
    s3.create_bucket(Bucket=bucket)
    queue = sqs.create_queue(QueueName="bench-jobs.fifo",
                             Attributes={"FifoQueue": "true"})["QueueUrl"]
    rng = np.random.default_rng(7)
    nt = int(RECORDING_MS / 2) + 1
    objects = {
        f"{PREFIX}/vp.npy": npy.encode(_velocity()),
        f"{PREFIX}/image.npy": npy.encode((1e-3 * rng.standard_normal(SHAPE)).astype(np.float32)),
        f"{PREFIX}/direction.npy": npy.encode(
            (1e-3 * rng.standard_normal(SHAPE)).astype(np.float32)),
        f"{PREFIX}/shot-0.npy": npy.encode(
            (1e-2 * rng.standard_normal((nt, RECEIVERS))).astype(np.float32)),
        f"{PREFIX}/shot-0.json": json.dumps({"dtMs": 2.0, "nt": nt}).encode(),
    }
    for task in ("gradient", "born-norm"):
        objects[f"{PREFIX}/{task}.json"] = json.dumps(_task(task)).encode()
    for key, body in objects.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    return {"s3": s3, "bucket": bucket, "queue": queue, **kw}


def run_job(stage: dict, task: str, *, cache: Path, code: Path | None) -> dict:
    """Run ``task`` once as Batch would; its timings plus the subprocess wall time ``wall_s``.

    ``code``: a checkout whose ``docker/`` goes first on ``PYTHONPATH`` (None: this one).
    """
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"),
           "AWS_ENDPOINT_URL_S3": stage["endpoint_url"],
           "AWS_ENDPOINT_URL_SQS": stage["endpoint_url"], "AWS_REGION": "us-east-1",
           "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
           "SEISLESS_BUCKET": stage["bucket"], "SEISLESS_TASK_KEY": f"{PREFIX}/{task}.json",
           "SEISLESS_REDUCER_QUEUE_URL": stage["queue"], "SEISLESS_VCPUS": "1",
           "SEISLESS_CACHE_DIR": str(cache), "AWS_BATCH_JOB_ID": "bench",
           "AWS_BATCH_JOB_ARRAY_INDEX": "0"}
    if code is not None:
        env["PYTHONPATH"] = str(code / "docker")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "seisless_compute", task], env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench_jobs: {task} job failed ({done.returncode}): {done.stderr}")
    body = stage["s3"].get_object(Bucket=stage["bucket"], Key=f"{PREFIX}/timings/{task}-0.json")
    return {**json.loads(body["Body"].read()), "wall_s": wall}


def summarise(runs: list[dict]) -> dict:
    """The median run (by wall time) of a job, reduced to the figures the benchmark prints."""
    job = sorted(runs, key=lambda r: r["wall_s"])[len(runs) // 2]
    first = job.get("first_kernel_at")
    fixed = None if first is None else first - job["started_at"]
    return {
        "wall_s": round(job["wall_s"], 3), "kernel_s": round(job["kernel_s"], 3),
        "wall_over_kernel": round(job["wall_s"] / job["kernel_s"], 3),
        "fixed_s": None if fixed is None else round(fixed, 3),
        "compile_s": round(job["compile_s"], 3),
        "after_timings_s": round(job["wall_s"] - job["total_s"], 3),
        "walls_s": [round(r["wall_s"], 3) for r in runs],
        "phases": {k: round(v, 3) for k, v in job["phases"].items()},
        "compute_parts": {k: round(v, 3) for k, v in job.get("compute_parts", {}).items()},
    }


def _describe(label: str, task: str, figures: dict) -> str:
    fixed = "n/a" if figures["fixed_s"] is None else f"{figures['fixed_s']:.2f} s"
    phases = ", ".join(f"{k} {v:.2f}" for k, v in figures["phases"].items())
    parts = ", ".join(f"{k} {v:.2f}" for k, v in figures["compute_parts"].items()) or "n/a"
    return (f"{label} {task}: wall {figures['wall_s']:.2f} s, kernel {figures['kernel_s']:.2f} s, "
            f"wall/kernel {figures['wall_over_kernel']:.3f}, fixed cost before the first "
            f"kernel {fixed}; phases [{phases}]; compute [{parts}]")


def main(argv: list[str] | None = None) -> dict:
    """Run the jobs of each code, interleaved, and print the JSON summary last."""
    parser = argparse.ArgumentParser(prog="python -m seisless_compute.bench_jobs")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="a checkout (e.g. a git worktree of an earlier commit) to compare")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per job (median kept)")
    parser.add_argument("--tasks", nargs="+", default=["gradient", "born-norm"],
                        choices=["gradient", "born-norm"])
    args = parser.parse_args(argv)
    from seisless_compute.bench import _server

    codes = {"current": None, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    server, endpoint = _server()
    try:
        stage = _stage(endpoint)
        with tempfile.TemporaryDirectory(prefix="seisless-bench-jobs-") as folder:
            caches = {label: Path(folder) / label for label in codes}
            runs = {(label, task): [] for label in codes for task in args.tasks}
            for label, code in codes.items():  # fill each compile cache (untimed)
                for task in args.tasks:
                    run_job(stage, task, cache=caches[label], code=code)
            for _ in range(args.repeat):
                for task in args.tasks:
                    for label, code in codes.items():
                        runs[label, task].append(
                            run_job(stage, task, cache=caches[label], code=code))
    finally:
        server.stop()
    summary: dict = {"shape": list(SHAPE), "recording_ms": RECORDING_MS, "repeat": args.repeat}
    for (label, task), job_runs in runs.items():
        figures = summarise(job_runs)
        print(_describe(label, task, figures), flush=True)
        summary.setdefault(label, {})[task] = figures
    print(json.dumps(summary), flush=True)
    return summary


if __name__ == "__main__":
    main()
