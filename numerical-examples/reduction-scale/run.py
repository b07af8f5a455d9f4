"""The reduction at paper scale: 1 … 128 gradients of the BP model's size through the local cloud.

For each batch size B, writes B gradients of the BP 2004 model's size (10789 × 1911 float32,
20,617,779 values, 82.5 MB) as gradient jobs write them and sends their reduction messages
(one per 262,144-float chunk: 79) to the deployed reducer's FIFO queue of ``npm run cloud``;
waits until every chunk accumulator holds the B shots. Prints, per B: the reduction tail (the
last accumulator write − the last gradient's write, as in the run report), one chunk update (the
median of the chunks' last ``update-ms``), their ratio (target ≤ 1.5), the throughput in GB/s
(B × 82.5 MB from the first gradient's write to the last accumulator write), and this machine's
memory bandwidth (numpy copy of 1 GB). Each batch's objects are deleted once measured. A first
reduction of one gradient (not recorded) starts the reducer's Lambda environments.

Run: ``.venv/bin/python numerical-examples/reduction-scale/run.py [--batch-sizes 1 2 4]``
(``--batch-sizes 1 2 4 8 16 32 64 128`` for the full sweep; it needs 10.6 GB of disk at 128).
Writes ``reduction-scale/runs/<timestamp>.csv`` (one row per batch size) and prints a table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docker"))

from local_cloud import LocalCloud
from reduction_bench import QUEUE, Plan, reduce_batch

from common.cli import run_main
from common.run_support import RUNS_DIR, timestamp, write_rows

HERE = Path(__file__).resolve().parent
BP_SHAPE = (10789, 1911)


def memory_bandwidth_gbps(gigabytes: float = 1.0, repeats: int = 5) -> float:
    """Return the best numpy copy rate of a ``gigabytes`` array, GB copied per second.

    A copy reads and writes every byte, so the memory traffic is twice this figure.
    """
    source = np.ones(int(gigabytes * 1e9) // 8)
    target = np.empty_like(source)
    best = np.inf
    for _ in range(repeats):
        started = time.perf_counter()
        np.copyto(target, source)
        best = min(best, time.perf_counter() - started)
    return source.nbytes / 1e9 / best


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[1, 2, 4], metavar="B",
                        help="gradients per reduction (default: 1 2 4)")
    parser.add_argument("--shape", type=int, nargs="+", default=list(BP_SHAPE),
                        help="gradient shape (default: the BP model, 10789 1911)")
    parser.add_argument("--chunk-size", type=int, default=262144,
                        help="floats per chunk (default and maximum: 262144)")
    parser.add_argument("--interval", type=float, default=0.0, metavar="S",
                        help="seconds between gradient writes (default 0: back to back)")
    parser.add_argument("--window", type=int, metavar="COLUMNS",
                        help="apertures: each shot's gradient covers this many columns (first "
                             "axis) and sends only their chunks (BP's 17.5 km at 6.25 m: 2801)")
    parser.add_argument("--work", type=Path, default=HERE / RUNS_DIR / "work",
                        help="the local cloud's data folder (default: runs/work; deleted after)")
    parser.add_argument("--csv", type=Path, help="output (default: runs/<timestamp>.csv)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Measure the memory bandwidth, then one reduction per batch size."""
    args = parse(argv)
    stamp = timestamp()
    bandwidth = memory_bandwidth_gbps()
    print(f"memory bandwidth (numpy copy of 1 GB): {bandwidth:.2f} GB/s copied", flush=True)
    rows = []
    try:
        with LocalCloud(args.work) as cloud:
            cloud.apply()
            import boto3  # noqa: PLC0415 - after the cloud's endpoints are in the environment

            queue_url = boto3.client("sqs").get_queue_url(QueueName=QUEUE)["QueueUrl"]
            plan = Plan(tuple(args.shape), args.chunk_size, args.work, queue_url, args.interval,
                        window=args.window)
            warm = reduce_batch(f"rs-{stamp.lower()}-warm-up", 1, plan)
            print(f"warm-up (B = 1, not recorded): tail {warm.tail_s:.3f} s", flush=True)
            print("B  chunks  tail_s  update_s  tail/update  GB/s  send_s  invocations  timeouts"
                  "  dead", flush=True)
            for n, batch in enumerate(args.batch_sizes, start=1):
                # a run of its own for each measurement: a batch size may be asked twice
                r = reduce_batch(f"rs-{stamp.lower()}-{n}-b{batch}", batch, plan)
                print(f"{batch:<3} {r.chunks:>6}  {r.tail_s:6.3f}  {r.update_s:8.3f}  "
                      f"{r.tail_over_update:11.2f}  {r.throughput_gbps:4.2f}  {r.sender_s:6.2f}  "
                      f"{r.invocations:11d}  {r.timeouts:8d}  {r.dead_letters:4d}",
                      flush=True)
                rows.append({"batch_size": batch, "chunks": r.chunks, "gradient_mb": r.gradient_mb,
                             "interval_s": args.interval, "window_columns": args.window or 0,
                             "first_write_s": r.first_write_at,
                             "last_gradient_s": r.last_gradient_at, "complete_s": r.complete_at,
                             "tail_s": r.tail_s, "update_s": r.update_s,
                             "tail_over_update": r.tail_over_update,
                             "throughput_gbps": r.throughput_gbps,
                             "memory_copy_gbps": bandwidth, "send_s": r.sender_s,
                             "reducer_invocations": r.invocations,
                             "reducer_timeouts": r.timeouts,
                             "dead_letter_records": r.dead_letters})
    finally:
        shutil.rmtree(args.work / "s3", ignore_errors=True)
    print(write_rows(rows, args.csv or HERE / RUNS_DIR / f"{stamp}.csv"))


if __name__ == "__main__":
    sys.exit(run_main(main))
