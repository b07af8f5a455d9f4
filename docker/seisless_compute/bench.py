"""Compute benchmark: memory roofline, 3D kernel throughput against Devito's example solvers,
and job wall time over kernel time.

``python -m seisless_compute.bench`` (``npm run bench:compute``) prints readable lines on
stderr-free stdout and, as its LAST line, one JSON object (see ``docker/README.md``); ``--parts``
runs only some of the four measurements (the JSON then has only their keys):

1. STREAM triad ``a = b + 3c`` compiled and run like the kernels (``solvers.measure_triad_gbps``)
   on float32 arrays far larger than the caches: bytes = 3 × 4 × N per pass (two loads, one
   store; write-allocate traffic not counted, as STREAM does), best of 10.
   Roofline of the acoustic kernel: 20 bytes per grid-point update (float32: u(t), u(t-1) and
   the two coefficient arrays loaded, u(t+1) stored).
2. 3D acoustic space-order-8 forward throughput (``solvers.measure_forward_gpts``).
3. Side by side with Devito's own example solvers (``examples.seismic``, installed with Devito;
   they need scipy, kept in ``.bench-deps``, see ``use_bench_dependencies``): our ``AcousticSolver`` against
   ``AcousticWaveSolver`` and our ``TTISolver`` against ``AnisotropicWaveSolver`` (centred
   kernel), forward modelling, space order 8 (``bench_examples.compare_with_devito_example``). Fair by
   construction: one process, so the same OpenMP threads, compiler, flags and Devito
   configuration; each code with its own optimisation options (the example's: Devito's
   ``advanced`` defaults, as its own code runs; ours: the solvers', ``DEFAULT_OPT`` and for the
   TTI forward ``tti_operators.TTI_OPT``, CIRE's first schedule); the same physical grid and absorbing-layer width (``nbl`` points
   on every side: our damping layer, the example ``Model``'s ``bcs='damp'``), so the same
   computational grid; the same layered model (every parameter an array in both, none folded
   into a constant); one source and one receiver at the centre; the same time step (ours,
   imposed on the example's ``Model``; its own critical one is printed) and the same steps
   (``time_m = 1 .. time_M = nt - 2``); each code's wavefields allocated once and zeroed
   outside the kernel. Each code runs once untimed (compilation, first touch), then
   ``--compare-repeats`` times, interleaved in alternating order; throughput = computational
   grid points x steps / median kernel time (the summed sections of the Devito performance
   summary, as for 2.), and the ratios are ours over theirs. Records must come out finite and
   non-zero. Our side owns what it does outside Devito (e.g. huge-page placement of buffers).
4. A real ``python -m seisless_compute gradient`` job (2D FWI shot with ≥ 30 s of kernel time,
   checkpointed) against a moto S3/SQS server, first with a cold then a warm compile cache;
   wall time is the subprocess's, kernel time the job's own timings.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from seisless_compute.config import detect_vcpus
from seisless_compute.errors import ConfigError

BYTES_PER_UPDATE = 20


def triad_gbps(shape: tuple[int, int, int]) -> float:
    """Best sustained triad bandwidth, GB/s (``solvers.measure_triad_gbps``)."""
    from seisless_compute.solvers import measure_triad_gbps

    return float(measure_triad_gbps(shape))


def kernel_gpts_3d(shape: tuple[int, int, int]) -> float:
    """3D SO8 forward throughput of the solvers' operator, GPts/s."""
    from seisless_compute.solvers import measure_forward_gpts

    return float(measure_forward_gpts(shape, space_order=8, nt=100))


#: Where ``scripts/bootstrap/bench-deps.sh`` installs scipy (``requirements-bench.txt``) for
#: Devito's example solvers: outside ``.venv``, whose jobs would otherwise import it (Devito
#: imports ``scipy.special`` whenever it can, about 0.1 s of every job's start-up).
BENCH_DEPS = Path(__file__).resolve().parents[2] / ".bench-deps"


def use_bench_dependencies(directory: Path = BENCH_DEPS) -> None:
    """Put ``directory`` on ``sys.path`` so that Devito's example solvers find scipy (it comes
    after Devito's own import here, so both codes run the same Devito configuration).

    Raises
    ------
    ConfigError
        scipy is found neither there nor in this environment.
    """
    if str(directory) not in sys.path and directory.is_dir():
        sys.path.append(str(directory))
    try:
        import scipy  # noqa: F401
    except ImportError as error:
        raise ConfigError(str(directory), "no scipy there",
                          "scipy for Devito's example solvers: run "
                          "`bash scripts/bootstrap/bench-deps.sh` (npm run bench:compute does)"
                          ) from error


def devito_example_ratios(shape: tuple[int, int, int], *, nbl: int, recording_ms: float,
                          repeats: int) -> dict:
    """Acoustic then TTI, ours against Devito's example solvers (``compare_with_devito_example``)."""
    use_bench_dependencies()
    from seisless_compute.bench_examples import (
        ComparisonSetup,
        compare_with_devito_example,
    )

    setup = ComparisonSetup(shape=shape, nbl=nbl, recording_ms=recording_ms)
    results = {}
    for physics in ("acoustic", "tti"):
        r = compare_with_devito_example(physics, setup, repeats=repeats)
        print(f"3D {physics} SO8 {shape} + nbl {nbl}, {r['steps']} steps of {r['dt_ms']} ms "
              f"(the example's own: {r['example_critical_dt_ms']:.4g} ms): ours "
              f"{r['ours_gpts']:.4f} GPts/s, Devito's example {r['example_gpts']:.4f} GPts/s, "
              f"ratio {r['ratio']:.3f}; kernel s ours {_seconds(r['ours_s'])}, example "
              f"{_seconds(r['example_s'])}", flush=True)
        results[physics] = r
    return results


def _seconds(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.3f}" for v in values) + "]"


def _server():
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server, f"http://127.0.0.1:{port}"


def _stage(endpoint: str, shape: tuple[int, int], *, recording_ms: float,
           checkpointing: bool) -> dict:
    """Bucket, FIFO queue, background model, an observed record (zeros, 2 ms) and task file."""
    import boto3

    from seisless_compute.io import npy

    kw = {"endpoint_url": endpoint, "region_name": "us-east-1",
          "aws_access_key_id": "bench", "aws_secret_access_key": "bench"}
    s3, sqs = boto3.client("s3", **kw), boto3.client("sqs", **kw)
    bucket = f"seisless-bench-{os.getpid()}-{int(time.time())}"
    s3.create_bucket(Bucket=bucket)
    queue = sqs.create_queue(QueueName="bench.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    nx, nz = shape
    vp = np.broadcast_to(np.linspace(1.5, 4.0, nz, dtype=np.float32), shape)
    receivers = [[x, 10.0] for x in np.linspace(0, (nx - 1) * 10.0, 201).tolist()]
    nt = int(recording_ms / 2) + 1
    objects = {"runs/bench/vp.npy": npy.encode(vp),
               "runs/bench/shot-0.npy": npy.encode(np.zeros((nt, len(receivers)), np.float32)),
               "runs/bench/shot-0.json": json.dumps({"dtMs": 2.0, "nt": nt}).encode()}
    task = {"version": 1, "runId": "bench", "iteration": 0, "task": "gradient",
            "algorithm": "fwi", "shots": [0],
            "grid": {"shape": list(shape), "spacing": [10, 10]},
            "acquisition": {"sources": [[(nx - 1) * 5.0, 10.0]], "receivers": receivers,
                            "recordingTimeMs": recording_ms, "peakFrequencyHz": 8},
            "physics": {"spaceOrder": 8, "nbl": 40, "checkpointing": checkpointing},
            "inputs": {"velocity": "runs/bench/vp.npy", "data": "runs/bench/shot-{shot}.npy"},
            "outputs": {"gradient": "runs/bench/g-{shot}.npy",
                        "timings": "runs/bench/timings-{shot}.json"},
            "reduction": {"chunkSize": 262144, "batchSize": 1}}
    objects["runs/bench/task.json"] = json.dumps(task).encode()
    for key, body in objects.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    return {"s3": s3, "bucket": bucket, "queue": queue, **kw}


def run_gradient_job(stage: dict, cache: Path, threads: int) -> dict:
    """Run the job once as Batch would; returns its timings plus the subprocess wall time."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"),
           "AWS_ENDPOINT_URL_S3": stage["endpoint_url"],
           "AWS_ENDPOINT_URL_SQS": stage["endpoint_url"], "AWS_REGION": "us-east-1",
           "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
           "SEISLESS_BUCKET": stage["bucket"], "SEISLESS_TASK_KEY": "runs/bench/task.json",
           "SEISLESS_REDUCER_QUEUE_URL": stage["queue"], "SEISLESS_VCPUS": str(threads),
           "SEISLESS_CACHE_DIR": str(cache / "operators"), "TMPDIR": str(cache / "tmp"),
           "AWS_BATCH_JOB_ID": "bench", "AWS_BATCH_JOB_ARRAY_INDEX": "0"}
    (cache / "tmp").mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "seisless_compute", "gradient"], env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: gradient job failed ({done.returncode}): {done.stderr}")
    body = stage["s3"].get_object(Bucket=stage["bucket"], Key="runs/bench/timings-0.json")
    return {**json.loads(body["Body"].read()), "wall_s": wall}


def _describe(label: str, job: dict) -> str:
    phases = ", ".join(f"{k} {v:.2f}" for k, v in job["phases"].items())
    other = job["wall_s"] - job["kernel_s"]
    in_compute = job["phases"].get("compute", 0.0) - job["kernel_s"] - job["compile_s"]
    return (f"{label}: wall {job['wall_s']:.2f} s, kernel {job['kernel_s']:.2f} s, "
            f"wall/kernel {job['wall_s'] / job['kernel_s']:.3f}; non-kernel {other:.2f} s = "
            f"compile/cache load {job['compile_s']:.2f} (cached: {job['compile_cached']}) + "
            f"solver outside kernels {in_compute:.2f} + phases [{phases}] + after the job's "
            f"clock (timings PUT, interpreter exit) {job['wall_s'] - job['total_s']:.2f}")


def gradient_ratios(shape: tuple[int, int], *, recording_ms: float, target_s: float,
                    threads: int, checkpointing: bool) -> dict:
    """Cold then warm job; the recording time is scaled up until the kernel time reaches target."""
    server, endpoint = _server()
    try:
        for _ in range(3):
            with tempfile.TemporaryDirectory(prefix="seisless-bench-") as folder:
                stage = _stage(endpoint, shape, recording_ms=recording_ms,
                               checkpointing=checkpointing)
                cold = run_gradient_job(stage, Path(folder), threads)
                print(_describe(f"gradient {shape} {recording_ms:.0f} ms cold", cold), flush=True)
                if cold["kernel_s"] < target_s:
                    recording_ms = math.ceil(recording_ms * 1.1 * target_s / cold["kernel_s"])
                    continue
                warm = run_gradient_job(stage, Path(folder), threads)
                print(_describe("gradient warm", warm), flush=True)
                return {"cold": cold, "warm": warm, "recording_ms": recording_ms}
        raise SystemExit("bench: could not reach the target kernel time")
    finally:
        server.stop()


PARTS = ("triad", "kernel", "examples", "gradient")


def main(argv: list[str] | None = None) -> dict:
    """Run the measurements (all unless ``--parts`` names some) and print the JSON summary last."""
    parser = argparse.ArgumentParser(prog="python -m seisless_compute.bench")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--triad-shape", type=int, nargs=3, default=[512, 512, 256])
    parser.add_argument("--shape3d", type=int, nargs=3, default=[256, 256, 256])
    parser.add_argument("--compare-shape", type=int, nargs=3, default=[96, 96, 96],
                        help="physical grid of the comparison with Devito's examples")
    parser.add_argument("--compare-nbl", type=int, default=16)
    parser.add_argument("--compare-ms", type=float, default=100.0)
    parser.add_argument("--compare-repeats", type=int, default=5)
    parser.add_argument("--shape2d", type=int, nargs=2, default=[601, 301])
    parser.add_argument("--recording-ms", type=float, default=14000.0)
    parser.add_argument("--kernel-target-s", type=float, default=30.0)
    parser.add_argument("--save-wavefield", action="store_true",
                        help="store the forward wavefield instead of checkpointing it")
    args = parser.parse_args(argv)
    threads = int(os.environ.setdefault("OMP_NUM_THREADS", str(detect_vcpus())))
    summary: dict = {"threads": threads}
    if "triad" in args.parts:
        bandwidth = triad_gbps(tuple(args.triad_shape))
        roofline = bandwidth / BYTES_PER_UPDATE
        print(f"triad: {bandwidth:.2f} GB/s with {threads} threads -> roofline "
              f"{roofline:.3f} GPts/s at {BYTES_PER_UPDATE} B/update", flush=True)
        summary |= {"triad_GBps": round(bandwidth, 3), "roofline_gpts": round(roofline, 4)}
    if "kernel" in args.parts:
        gpts = kernel_gpts_3d(tuple(args.shape3d))
        summary["kernel_gpts_3d_so8"] = gpts
        line = f"3D SO8 forward {tuple(args.shape3d)}: {gpts} GPts/s"
        if "roofline_gpts" in summary:
            summary["roofline_ratio"] = gpts / (summary["triad_GBps"] / BYTES_PER_UPDATE)
            line += f", roofline ratio {summary['roofline_ratio']}"
        print(line, flush=True)
    if "examples" in args.parts:
        examples = devito_example_ratios(tuple(args.compare_shape), nbl=args.compare_nbl,
                                         recording_ms=args.compare_ms,
                                         repeats=args.compare_repeats)
        acoustic, tti = examples["acoustic"], examples["tti"]
        summary |= {
            "kernel_gpts_3d_tti_so8": tti["ours_gpts"],
            "tti_over_devito_example": tti["ratio"],
            "acoustic_over_devito_example": acoustic["ratio"],
            "devito_example": {
                "shape": list(args.compare_shape), "nbl": args.compare_nbl,
                **{f"{physics}_{key}": r[key] for physics, r in examples.items()
                   for key in ("ours_gpts", "example_gpts", "dt_ms", "steps")}},
        }
    if "gradient" in args.parts:
        summary |= _gradient_summary(args, threads)
    print(json.dumps(summary), flush=True)
    return summary


def _gradient_summary(args: argparse.Namespace, threads: int) -> dict:
    jobs = gradient_ratios(tuple(args.shape2d), recording_ms=args.recording_ms,
                           target_s=args.kernel_target_s, threads=threads,
                           checkpointing=not args.save_wavefield)
    cold, warm = jobs["cold"], jobs["warm"]
    return {
        "wall_over_kernel_cold": cold["wall_s"] / cold["kernel_s"],
        "wall_over_kernel_warm": warm["wall_s"] / warm["kernel_s"],
        "gradient_shape": list(args.shape2d), "gradient_recording_ms": jobs["recording_ms"],
        "kernel_s_cold": cold["kernel_s"], "wall_s_cold": cold["wall_s"],
        "kernel_s_warm": warm["kernel_s"], "wall_s_warm": warm["wall_s"],
        "compile_s_cold": cold["compile_s"], "compile_s_warm": warm["compile_s"],
        "phases_warm": warm["phases"],
    }


if __name__ == "__main__":
    main()
