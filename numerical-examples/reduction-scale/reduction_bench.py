"""One reduction of B gradients through the local cloud's FIFO queue and reducer, as jobs send them.

Each "job" writes its gradient as a float32 ``.npy`` in one PUT to
``runs/{runId}/iterations/1/gradients/shot-{i}.npy`` (``seisless_compute.io.arrays.write_array``),
notes the time, and sends one message per chunk (``reduction_entries`` + ``SqsSender``): exactly
what the gradient job does after its kernels (``tasks/gradient.py``). The deployed reducer
(``seisless-gradient-reducer-local-reduce``, fed by the queue's event source) sums them into the
chunk accumulators; the bench reads the accumulators' metadata from the local S3's folder (no
S3 requests of its own) until every chunk holds B shots, or with apertures (``Plan.window``) the
shots whose windows touch it: each shot then sends only those chunks, as a gradient job of a run
with ``acquisition.apertureM`` does (``reduction.shotChunks``).
"""

from __future__ import annotations

import json
import math
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from seisless_compute.io.arrays import write_array
from seisless_compute.io.messages import GradientRef, SqsSender, reduction_entries
from seisless_compute.io.retention import SCRATCH_TAGGING
from seisless_compute.io.storage import S3Store

from common.errors import FiguresError

__all__ = ["BUCKET", "QUEUE", "Plan", "Reduction", "expected_shots", "reduce_batch",
           "shot_coverage"]

BUCKET = "seisless-local-data"
QUEUE = "seisless-gradient-reducer-local-gradients.fifo"


@dataclass(frozen=True)
class Reduction:
    """What one reduction of B gradients took (seconds; epoch seconds for ``*_at``)."""

    batch_size: int
    chunks: int
    gradient_mb: float
    first_write_at: float
    last_gradient_at: float
    complete_at: float
    update_s: float
    sender_s: float
    invocations: int
    timeouts: int
    dead_letters: int

    @property
    def tail_s(self) -> float:
        """The last accumulator write − the last gradient's write (the report's reduction tail)."""
        return self.complete_at - self.last_gradient_at

    @property
    def tail_over_update(self) -> float:
        """The tail in units of one chunk update (target ≤ 1.5)."""
        return self.tail_s / self.update_s if self.update_s > 0 else math.nan

    @property
    def throughput_gbps(self) -> float:
        """Gradient GB summed per second, from the first gradient's write to the last update."""
        return self.batch_size * self.gradient_mb / 1000 / (self.complete_at - self.first_write_at)


def _accumulators(data_dir: Path, run_id: str) -> Path:
    return data_dir / "s3" / BUCKET / "runs" / run_id / "iterations" / "1" / "accumulators"


def _reducer_log(data_dir: Path) -> Path:
    return data_dir / "lambda" / "logs" / "seisless-gradient-reducer-local-reduce.log"


def _log_counts(log: Path, offset: int) -> tuple[int, int]:
    """Invocations (``REPORT`` lines) and timeouts of the reducer logged after ``offset``."""
    if not log.is_file():
        return 0, 0
    with log.open("rb") as handle:
        handle.seek(offset)
        text = handle.read().decode(errors="replace")
    return text.count("REPORT RequestId:"), text.count("Task timed out")


def _metadata(folder: Path, chunks: int) -> list[dict | None]:
    """Each chunk's accumulator metadata, None for a chunk not written yet."""
    found: list[dict | None] = []
    for chunk in range(chunks):
        path = folder / f"chunk-{chunk}.npy._S3rver_metadata.json"
        try:
            found.append(json.loads(path.read_text()))
        except (FileNotFoundError, json.JSONDecodeError):
            found.append(None)
    return found


def _dead_letters(folder: Path) -> int:
    return len(list((folder.parent / "dead-letters").glob("*._S3rver_object")))


def _wait(folder: Path, expected: list[int], stall_s: float) -> list[dict]:
    """Wait until every chunk holds its ``expected`` shots (chunks expecting none are skipped).

    Fails when no accumulator changed for ``stall_s`` (messages dead-lettered after the reducer
    failed them ten times).
    """
    last_change, last_state = time.monotonic(), None
    chunks = len(expected)
    while True:
        meta = _metadata(folder, chunks)
        if all(n == 0 or (m is not None and int(m.get("x-amz-meta-count", 0)) == n)
               for m, n in zip(meta, expected, strict=True)):
            return [m for m, n in zip(meta, expected, strict=True) if n > 0]
        state = [None if m is None else m.get("x-amz-meta-written-at") for m in meta]
        if state != last_state:
            last_change, last_state = time.monotonic(), state
        elif time.monotonic() - last_change > stall_s:
            raise FiguresError(str(folder), f"no accumulator update for {stall_s:.0f} s, "
                               f"{_dead_letters(folder)} dead-letter record(s)",
                               f"every one of {chunks} chunks to hold its shots (see the "
                               "reducer's log: timeouts of its 1 s limit on a loaded machine)")
        time.sleep(0.2)  # the times come from the metadata, not from this poll


def _drain(queue_url: str, limit_s: float) -> None:
    """Wait until the queue holds no message, in flight or not.

    The measured run's redeliveries (records failed at a deadline after their shot was summed)
    are then done before its objects are deleted, so none keeps failing on a deleted gradient
    while the next batch is measured.
    """
    import boto3  # noqa: PLC0415 - the caller has pointed AWS_* at the local cloud

    sqs, names = boto3.client("sqs"), ["ApproximateNumberOfMessages",
                                       "ApproximateNumberOfMessagesNotVisible"]
    until = time.monotonic() + limit_s
    while time.monotonic() < until:
        counts = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=names)["Attributes"]
        if all(int(counts.get(name, 0)) == 0 for name in names):
            return
        time.sleep(0.2)
    raise FiguresError(queue_url, f"messages still queued after {limit_s:.0f} s",
                       "an empty queue once every chunk held its shots")


@dataclass(frozen=True)
class Plan:
    """How the gradients are made and sent, and where the local cloud keeps them.

    ``interval_s`` spaces the gradients' writes (0: back to back, the worst case for the tail).
    ``window``: with apertures, the columns (first axis) each shot's gradient covers, the windows
    spread evenly over the model; None: every shot covers the whole model.
    """

    shape: tuple[int, ...]
    chunk_size: int
    data_dir: Path
    queue_url: str
    interval_s: float = 0.0
    stall_s: float = 60.0
    window: int | None = None


Ranges = list[tuple[int, int]]


def shot_coverage(plan: Plan, batch: int) -> tuple[Ranges, Ranges] | None:
    """Return each shot's window (first column, width) and its chunks ``[first, end)``.

    None without a window.
    """
    if plan.window is None:
        return None
    nx, column = plan.shape[0], math.prod(plan.shape[1:])
    width = min(plan.window, nx)
    starts = [round(i * (nx - width) / max(batch - 1, 1)) for i in range(batch)]
    windows = [(start, width) for start in starts]
    chunks = [(start * column // plan.chunk_size, -(-(start + width) * column // plan.chunk_size))
              for start in starts]
    return windows, chunks


def expected_shots(coverage, batch: int, chunks: int) -> list[int]:
    """Return the number of shots each chunk expects."""
    if coverage is None:
        return [batch] * chunks
    counts = [0] * chunks
    for first, end in coverage[1]:
        for chunk in range(first, end):
            counts[chunk] += 1
    return counts


def reduce_batch(run_id: str, batch: int, plan: Plan) -> Reduction:
    """Write B gradients as jobs do, wait until the reducer has summed them all, and clean up."""
    shape, chunk_size, data_dir = plan.shape, plan.chunk_size, plan.data_dir
    log = _reducer_log(data_dir)
    offset = log.stat().st_size if log.is_file() else 0
    store, sender = S3Store(BUCKET), SqsSender(plan.queue_url)
    sender.client  # noqa: B018 - created before the first write, as jobs do
    rng = np.random.default_rng(batch)
    gradient = rng.standard_normal(math.prod(shape), dtype=np.float32).reshape(shape)
    coverage = shot_coverage(plan, batch)
    first_write = last_gradient = 0.0
    for shot in range(batch):
        started = time.time()
        first_write = first_write or started
        key = f"runs/{run_id}/iterations/1/gradients/shot-{shot}.npy"
        written = gradient
        if coverage is not None:  # zero outside the shot's window, as a job embeds its gradient
            start, width = coverage[0][shot]
            written = np.zeros_like(gradient)
            written[start : start + width] = gradient[start : start + width]
        header = write_array(store, key, written, tagging=SCRATCH_TAGGING)
        last_gradient = time.time()
        sender.send(reduction_entries(GradientRef(
            run_id=run_id, iteration=1, shot=shot, batch_index=shot, batch_size=batch,
            shape=shape, chunk_size=chunk_size, bucket=BUCKET, key=key, header_length=header,
            objective=1.0, coverage=None if coverage is None else tuple(coverage[1]))))
        if plan.interval_s > 0:
            time.sleep(max(0.0, started + plan.interval_s - time.time()))
    chunks = max(1, math.ceil(math.prod(shape) / chunk_size))
    expected = expected_shots(coverage, batch, chunks)
    meta = _wait(_accumulators(data_dir, run_id), expected, plan.stall_s)
    complete = max(int(m["x-amz-meta-written-at"]) for m in meta) / 1000
    update = statistics.median(int(m["x-amz-meta-update-ms"]) for m in meta) / 1000
    dead_letters = _dead_letters(_accumulators(data_dir, run_id))
    _drain(plan.queue_url, plan.stall_s)
    shutil.rmtree(data_dir / "s3" / BUCKET / "runs" / run_id, ignore_errors=True)
    time.sleep(0.5)  # the last invocation's REPORT line
    invocations, timeouts = _log_counts(log, offset)
    return Reduction(batch, chunks, gradient.nbytes / 1e6, first_write, last_gradient, complete,
                     update, sender.send_s, invocations, timeouts, dead_letters)
