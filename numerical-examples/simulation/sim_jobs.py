"""One Batch array of jobs on Spot instances, feeding a reduction: :func:`simulate_phase`.

Job j starts ``startup[j]`` s after the array is created and runs ``runtime[j]`` s. Spot
interruptions are a Poisson process of ``rate_per_hour`` per running instance: an interrupted
attempt is billed up to the interruption, and the job starts again from scratch after a new
start-up delay (Batch's retry), at most ``retries`` times; a job out of retries is a dropped shot
(the run proceeds within its failure tolerance). A finished job's gradient arrives at the reducer
when it stops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sim_events import EventQueue

__all__ = ["PhaseResult", "Spot", "simulate_phase"]


def _no_delay() -> float:
    return 0.0


@dataclass(frozen=True)
class Spot:
    """Spot interruptions and Batch retries.

    The rate is per running instance and hour; ``restart_delay`` draws the start-up delay of a
    retried attempt.
    """

    rate_per_hour: float = 0.0
    retries: int = 2
    restart_delay: Callable[[], float] = _no_delay


@dataclass
class PhaseResult:
    """What one array of jobs did; times are seconds after the array was created."""

    stops: list = field(default_factory=list)
    runtimes: list = field(default_factory=list)
    billed_s: float = 0.0
    attempts: int = 0
    interruptions: int = 0
    dropped: int = 0
    done_s: float = 0.0
    usage: Counter = field(default_factory=Counter)


def simulate_phase(startup: np.ndarray, runtime: np.ndarray, *, spot: Spot,
                   rng: np.random.Generator, make_reducer: Callable | None = None) -> PhaseResult:
    """Run one array of jobs and its reduction.

    Parameters
    ----------
    startup, runtime : numpy.ndarray
        Per job: created → started seconds of the first attempt, and container seconds.
    spot : Spot
        Interruption rate, retries and the start-up delay of a retried attempt.
    rng : numpy.random.Generator
        Draws the interruption times.
    make_reducer : callable, optional
        ``(events, expected, on_done) -> reducer``; without one the phase is done at the last
        stop (jobs whose outputs are small objects).

    Returns
    -------
    PhaseResult
        ``done_s``: the reduction's end (or the last stop), with the reducer's ``usage``.
    """
    events, result = EventQueue(), PhaseResult()
    n = len(startup)

    def finish(time: float) -> None:
        result.done_s = time

    reducer = make_reducer(events, n, finish) if make_reducer else None
    remaining = [n]

    def ended() -> None:
        remaining[0] -= 1
        if reducer is None and remaining[0] == 0:
            finish(events.now)

    def attempt(job: int, tries: int) -> None:
        result.attempts += 1
        run = float(runtime[job])
        lost = rng.exponential(3600.0 / spot.rate_per_hour) if spot.rate_per_hour > 0 else np.inf
        if lost < run:
            result.billed_s += lost
            result.interruptions += 1
            if tries < spot.retries:
                events.after(lost + spot.restart_delay(), lambda: attempt(job, tries + 1))
            else:
                result.dropped += 1
                events.after(lost, lambda: (reducer.drop() if reducer else None, ended()))
            return
        result.billed_s += run
        events.after(run, lambda: stopped(run))

    def stopped(run: float) -> None:
        result.stops.append(events.now)
        result.runtimes.append(run)
        if reducer is not None:
            reducer.arrive()
        ended()

    for job in range(n):
        events.at(float(startup[job]), lambda job=job: attempt(job, 0))
    events.run()
    if reducer is not None:
        result.usage.update(reducer.usage)
        result.usage["lambda_peak_concurrency"] = reducer.pool.peak
    return result
