"""The event engine of the simulation: a time-ordered queue of callbacks and a concurrency pool.

Our own ~60 lines on :mod:`heapq` rather than a library (simpy would add a dependency and
generator-based processes for what is here a handful of callbacks): events at equal times run in
the order they were scheduled, so a run is reproducible for a given seed.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable

__all__ = ["ConcurrencyPool", "EventQueue"]


class EventQueue:
    """Callbacks ordered by simulated time (seconds); ties keep their scheduling order."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = 0
        self.now = 0.0

    def at(self, time: float, action: Callable[[], None]) -> None:
        """Run ``action`` at ``time`` (not before the current time)."""
        heapq.heappush(self._heap, (max(time, self.now), self._seq, action))
        self._seq += 1

    def after(self, delay: float, action: Callable[[], None]) -> None:
        """Run ``action`` ``delay`` seconds from now."""
        self.at(self.now + delay, action)

    def run(self) -> float:
        """Run every event (events may schedule more); return the time of the last one."""
        while self._heap:
            self.now, _, action = heapq.heappop(self._heap)
            action()
        return self.now


class ConcurrencyPool:
    """At most ``limit`` tasks at once (a Lambda concurrency limit); the rest wait in FIFO order.

    Parameters
    ----------
    events : EventQueue
        The clock.
    limit : int
        Tasks running at once, >= 1.
    """

    def __init__(self, events: EventQueue, limit: int) -> None:
        self.events, self.limit = events, max(int(limit), 1)
        self.running, self.peak, self.started = 0, 0, 0
        self._waiting: deque[tuple[float, Callable[[], None]]] = deque()

    def submit(self, duration: float, done: Callable[[], None]) -> None:
        """Start a task of ``duration`` s when a slot is free; call ``done`` when it ends."""
        self._waiting.append((duration, done))
        self._start_waiting()

    def _start_waiting(self) -> None:
        while self._waiting and self.running < self.limit:
            duration, done = self._waiting.popleft()
            self.running += 1
            self.started += 1
            self.peak = max(self.peak, self.running)
            self.events.after(duration, lambda done=done: self._finish(done))

    def _finish(self, done: Callable[[], None]) -> None:
        self.running -= 1
        done()
        self._start_waiting()
