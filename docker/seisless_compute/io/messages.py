"""Reduction messages of a gradient (``docs/contracts/messages.md``): build and send them.

The body is ``reductionMessageSchema`` of ``@seisless/core``, which the reducer parses;
``tests/compute/test_contracts.py`` validates what a gradient job sends against it.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from itertools import accumulate

from seisless_compute.errors import TransientError
from seisless_compute.io.aws import AwsError, NoAnswerError, SqsClient
from seisless_compute.io.storage import translate_client_error

__all__ = ["GradientRef", "SqsSender", "reduction_entries"]

_BATCH = 10  # SendMessageBatch limit


@dataclass(frozen=True)
class GradientRef:
    """A per-shot gradient written to S3, and what the reducer needs to know about it.

    ``coverage``: with apertures, the chunks ``[first, end)`` of every batch position
    (``reduction.shotChunks`` of the task file, indexed like ``batch_index``); ``None`` when every
    shot covers every chunk.
    """

    run_id: str
    iteration: int
    shot: int
    batch_index: int
    batch_size: int
    shape: tuple[int, ...]
    chunk_size: int
    bucket: str
    key: str
    header_length: int
    objective: float
    coverage: tuple[tuple[int, int], ...] | None = None


def reduction_entries(ref: GradientRef) -> list[dict]:
    """One SQS entry per chunk of the shot: ``Id``, ``MessageBody``, FIFO group and
    deduplication ids.

    With ``ref.coverage``, only the chunks of the shot's range, each body also carrying that
    range (``shotChunks``), the batch positions whose ranges hold its chunk (``chunkShots``: the
    count its accumulator completes at) and the chunks any range holds (``chunksWithShots``);
    without, every chunk and none of these fields (the reducer's defaults).

    Returns
    -------
    list of dict
        Ready for ``SendMessageBatch`` (``Id`` is the chunk index).
    """
    count = math.prod(ref.shape)
    chunks = max(1, math.ceil(count / ref.chunk_size))
    common = {
        "version": 1, "runId": ref.run_id, "iteration": ref.iteration, "shot": ref.shot,
        "batchIndex": ref.batch_index, "batchSize": ref.batch_size, "chunkCount": chunks,
        "chunkSize": ref.chunk_size, "elementCount": count, "shape": list(ref.shape),
        "bucket": ref.bucket, "gradientKey": ref.key, "headerLength": ref.header_length,
        "objective": ref.objective,
    }
    extra = {chunk: {} for chunk in range(chunks)}
    if ref.coverage is not None:
        first, end = ref.coverage[ref.batch_index]
        shots = _shots_per_chunk(ref.coverage, chunks)
        common["shotChunks"] = [first, end]
        common["chunksWithShots"] = sum(1 for n in shots if n > 0)
        extra = {chunk: {"chunkShots": shots[chunk]} for chunk in range(first, end)}
    return [
        {
            "Id": str(chunk),
            "MessageBody": json.dumps({**common, "chunk": chunk, **fields}),
            "MessageGroupId": f"{ref.run_id}/{ref.iteration}/chunk-{chunk}",
            "MessageDeduplicationId": f"{ref.run_id}/{ref.iteration}/{ref.shot}/{chunk}",
        }
        for chunk, fields in extra.items()
    ]


def _shots_per_chunk(coverage: tuple[tuple[int, int], ...], chunks: int) -> list[int]:
    """How many ranges hold each chunk (``chunkShotCounts`` of ``@seisless/core``)."""
    # Differences at the range ends, summed: O(chunks + ranges), not O(chunks · ranges).
    steps = [0] * (chunks + 1)
    for first, end in coverage:
        steps[first] += 1
        steps[end] -= 1
    return list(accumulate(steps[:chunks]))


class SqsSender:
    """Sends entries to one queue, ten at a time, retrying the entries SQS reports as failed.

    Parameters
    ----------
    queue_url : str
        The reducer's FIFO queue.
    client : SqsClient, optional
        Created on first use when omitted.
    region : str, optional
        Region of the client created on first use.
    attempts : int
        Tries per batch for entries SQS reports as failed (not the sender's fault).
    """

    def __init__(self, queue_url: str, client=None, *, region: str | None = None,
                 attempts: int = 5) -> None:
        self.queue_url = queue_url
        self._client = client
        self._region = region
        self.attempts = attempts
        self.send_s = 0.0

    @property
    def client(self):
        """The SQS client (created lazily; a missing region is a ``ConfigError``)."""
        if self._client is None:
            self._client = SqsClient(self._region)
        return self._client

    def send(self, entries: list[dict]) -> None:
        """Send every entry; raises ``TransientError`` when some could not be sent."""
        started = time.perf_counter()
        try:
            for first in range(0, len(entries), _BATCH):
                self._send_batch(entries[first : first + _BATCH])
        finally:
            self.send_s += time.perf_counter() - started

    def _send_batch(self, batch: list[dict]) -> None:
        pending = batch
        for attempt in range(self.attempts):
            try:
                result = self.client.send_message_batch(self.queue_url, pending)
            except (AwsError, NoAnswerError) as error:
                raise translate_client_error(error, self.queue_url, "SendMessageBatch") from error
            failed = {item["Id"]: item for item in result.get("Failed", [])}
            if not failed:
                return
            if any(item.get("SenderFault") for item in failed.values()):
                break
            pending = [entry for entry in pending if entry["Id"] in failed]
            time.sleep(0.2 * 2**attempt)
        reasons = "; ".join(f"chunk {k}: {v.get('Code')}" for k, v in sorted(failed.items()))
        raise TransientError(self.queue_url, f"messages not sent ({reasons})",
                             "SendMessageBatch to accept every chunk")
