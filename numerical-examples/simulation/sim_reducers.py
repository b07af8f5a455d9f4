"""The two reductions: the paper's pairwise Lambda reducer and seisless's chunked FIFO reducer.

Both receive gradient arrivals (:meth:`arrive`), may lose expected shots (:meth:`drop`, a job
that ran out of retries), call ``on_done(time)`` once every expected gradient is summed, and count
the requests they make in :attr:`usage` (Lambda GB-seconds and invocations, SQS, S3).

* :class:`PairwiseReducer` (the paper): one message per whole gradient on a standard queue; the
  event source polls every ``requeue_s``; the messages visible at a poll are summed in pairs, one
  invocation per pair (``pair_s``: read two gradients, write one, send its message); a lone
  message is put back (an invocation that does nothing else); the message holding all expected
  shots triggers the image update (``update_s``).
* :class:`ChunkedFifoReducer` (seisless, DESIGN §4): one message per gradient chunk in that
  chunk's FIFO group; an invocation takes up to ``batch`` messages of groups with no batch in
  flight (whole groups, in order of arrival), reads each group's accumulator once, adds its
  messages' chunks and writes the accumulator back; its duration is ``requests × first byte +
  bytes / bandwidth + adds``. An invocation that completes chunks marks each (a PUT) and lists
  the marks once for them all.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sim_events import ConcurrencyPool, EventQueue

__all__ = ["ChunkedFifoReducer", "FifoParams", "PairParams", "PairwiseReducer"]

REQUEUE_INVOCATION_S = 0.1  # a lone message's invocation: receive and send back


@dataclass(frozen=True)
class PairParams:
    """The paper's reducer: pair sum, poll period, image update, concurrency, memory."""

    pair_s: float
    requeue_s: float
    update_s: float = 0.0
    concurrency: int = 1000
    memory_mb: int = 1280


class PairwiseReducer:
    """Sum whole gradients in pairs as they become visible (see the module docstring)."""

    def __init__(self, events: EventQueue, expected: int, params: PairParams,
                 on_done: Callable[[float], None]) -> None:
        self.events, self.expected, self.p, self.on_done = events, expected, params, on_done
        self.pool = ConcurrencyPool(events, params.concurrency)
        self.visible: list[int] = []
        self.tick_pending, self.finished = False, False
        self.usage: Counter = Counter()

    def arrive(self, count: int = 1) -> None:
        """Make a message holding ``count`` summed shots visible now."""
        self.usage["sqs_requests"] += 1  # its send
        self.visible.append(count)
        self._schedule_tick()

    def drop(self) -> None:
        """Stop expecting one shot (its job ran out of retries)."""
        self.expected -= 1
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        if self.tick_pending or self.finished:
            return
        period = self.p.requeue_s
        self.tick_pending = True
        self.events.at(math.ceil(self.events.now / period - 1e-9) * period, self._tick)

    def _invoke(self, seconds: float, done: Callable[[], None]) -> None:
        self.usage["lambda_invocations"] += 1
        self.usage["lambda_gb_s"] += seconds * self.p.memory_mb / 1024
        self.usage["sqs_requests"] += 2  # receive, delete
        self.pool.submit(seconds, done)

    def _tick(self) -> None:
        self.tick_pending = False
        visible, self.visible = self.visible, []
        if len(visible) == 1 and visible[0] >= self.expected:
            self.finished = True
            self.usage["s3_get"] += 1
            self.usage["s3_put"] += 1
            self._invoke(self.p.update_s + REQUEUE_INVOCATION_S,
                         lambda: self.on_done(self.events.now))
            return
        while len(visible) >= 2:
            total = visible.pop() + visible.pop()
            self.usage["s3_get"] += 2
            self.usage["s3_put"] += 1
            self._invoke(self.p.pair_s, lambda total=total: self.arrive(total))
        if visible:  # a lone message goes back to the queue
            lone = visible.pop()
            self._invoke(REQUEUE_INVOCATION_S, lambda: None)
            self.usage["sqs_requests"] += 1
            self.events.after(self.p.requeue_s, lambda: self._back(lone))

    def _back(self, count: int) -> None:
        self.visible.append(count)
        self._schedule_tick()


@dataclass(frozen=True)
class FifoParams:
    """seisless's reducer: chunks, batch size, S3 and Lambda figures, concurrency, memory."""

    chunks: int
    chunk_mb: float
    batch: int = 10
    first_byte_s: float = 0.15
    requests_in_sequence: int = 2
    mbps: float = 75.0
    add_s_per_message: float = 0.0014
    concurrency: int = 1000
    memory_mb: int = 1769
    #: What-if (not what seisless does today): each shot sends only the chunks of its aperture
    #: window, ``window[2]`` of the grid's ``window[0]`` columns of ``window[1]`` rows (chunks of
    #: ``chunk_floats`` in C order), at a uniformly drawn position; a chunk is complete once the
    #: shots whose windows cover it are in.
    window: tuple[int, int, int] | None = None
    chunk_floats: int = 0

    def shot_chunks(self, rng: np.random.Generator) -> range:
        """Return the chunks one shot's gradient messages cover (all of them without a window)."""
        if self.window is None:
            return range(self.chunks)
        nx, nz, width = self.window
        first = int(rng.integers(0, nx - width + 1))
        last = ((first + width) * nz - 1) // self.chunk_floats
        return range(first * nz // self.chunk_floats, last + 1)

    def invocation_s(self, messages: int, groups: int) -> float:
        """Duration of one invocation summing ``messages`` chunks into ``groups`` accumulators."""
        moved_mb = (2 * groups + messages) * self.chunk_mb  # accumulator in and out, chunks in
        return (self.requests_in_sequence * self.first_byte_s + moved_mb / self.mbps
                + messages * self.add_s_per_message)


class ChunkedFifoReducer:
    """Per-chunk accumulators fed through FIFO groups (see the module docstring)."""

    def __init__(self, events: EventQueue, expected: int, params: FifoParams,
                 on_done: Callable[[float], None], rng: np.random.Generator | None = None) -> None:
        self.events, self.p, self.on_done = events, params, on_done
        self.pool = ConcurrencyPool(events, params.concurrency)
        # each shot's chunks, fixed at submission; shots arrive (or are dropped) in this order
        draw = rng if rng is not None else np.random.default_rng(0)
        self.windows = deque(params.shot_chunks(draw) for _ in range(expected))
        self.expected = [0] * params.chunks
        for window in self.windows:
            for chunk in window:
                self.expected[chunk] += 1
        self.pending = [0] * params.chunks
        self.summed = [0] * params.chunks
        self.busy = [False] * params.chunks
        self.ready: deque[int] = deque()
        self.complete_chunks = sum(e == 0 for e in self.expected)
        self.finished = False
        # usage, kept as plain numbers on the hot path: invocations, GB-s, SQS, GET, PUT, longest,
        # LIST
        self._counts = [0, 0.0, 0, 0, 0, 0.0, 0]
        self._gb_per_s = params.memory_mb / 1024
        self._durations: dict[tuple[int, int], float] = {}

    @property
    def usage(self) -> Counter:
        """Requests made so far (Lambda, SQS, S3) and the longest invocation."""
        keys = ("lambda_invocations", "lambda_gb_s", "sqs_requests", "s3_get", "s3_put",
                "invocation_s_max", "s3_list")
        return Counter(dict(zip(keys, self._counts, strict=True)))

    def arrive(self) -> None:
        """Send one gradient's chunk messages (in batches of 10) now, as its job does."""
        window = self.windows.popleft()
        self._counts[2] += math.ceil(len(window) / 10)
        for chunk in window:
            self.pending[chunk] += 1
            if not self.busy[chunk] and self.pending[chunk] == 1:
                self.ready.append(chunk)
        self._dispatch()

    def drop(self) -> None:
        """Stop expecting one shot (its job ran out of retries)."""
        for chunk in self.windows.pop():
            self.expected[chunk] -= 1
        self.complete_chunks = sum(s >= e for s, e in zip(self.summed, self.expected, strict=True))
        self._check_done()

    def _dispatch(self) -> None:
        while self.ready and self.pool.running < self.pool.limit:
            taken: list[tuple[int, int]] = []
            room = self.p.batch
            while self.ready and room > 0:
                chunk = self.ready[0]
                count = min(self.pending[chunk], room)
                if count < self.pending[chunk] and taken:
                    break  # the rest of this group waits for the next batch
                self.ready.popleft()
                self.pending[chunk] -= count
                self.busy[chunk] = True
                taken.append((chunk, count))
                room -= count
            self._invoke(taken)

    def _invoke(self, taken: list[tuple[int, int]]) -> None:
        messages, groups = sum(count for _, count in taken), len(taken)
        seconds = self._durations.get((messages, groups))
        if seconds is None:
            seconds = self._durations[messages, groups] = self.p.invocation_s(messages, groups)
        counts = self._counts
        counts[0] += 1
        counts[1] += seconds * self._gb_per_s
        counts[2] += 2  # receive, delete (batched)
        counts[3] += groups + 2 * messages
        counts[4] += groups
        counts[5] = max(counts[5], seconds)
        self.pool.submit(seconds, lambda: self._merged(taken))

    def _merged(self, taken: list[tuple[int, int]]) -> None:
        completed = 0
        for chunk, count in taken:
            self.busy[chunk] = False
            before = self.summed[chunk]
            self.summed[chunk] += count
            if before < self.expected[chunk] <= self.summed[chunk]:
                completed += 1
            if self.pending[chunk] > 0:
                self.ready.append(chunk)
        self.complete_chunks += completed
        if completed:
            # each completed chunk's mark (a PUT), then one LIST of the marks for the round the
            # invocation writes together (completionSignal.ts)
            self._counts[4] += completed
            self._counts[6] += 1
        self._check_done()
        self._dispatch()

    def _check_done(self) -> None:
        if not self.finished and self.complete_chunks >= self.p.chunks:
            self.finished = True
            self.on_done(self.events.now)
