"""Model of random instance failures during one gradient (paper Fig. 12).

A gradient of n jobs runs on n instances, job j on instance j, with its measured runtime t_j (no
failures). For a failure fraction p, floor(p·n) instances are chosen at random without
replacement, and each fails once, at a time drawn uniformly over its job's runtime, [0, t_j).

* With instance restart: the failed instance restarts after a fixed penalty and reruns its job
  from the beginning (the wavefields in memory, or the checkpoints, are lost with the instance):
  it finishes at failure time + penalty + t_j.
* Without restart: the failed instance is gone and its job is re-queued at the failure time; the
  surviving instances take re-queued jobs in the order they failed, each job going to the first
  survivor to become free (a survivor cannot start a job before it was re-queued).

The time-to-solution is the last finish time; the resilience factor is the time-to-solution
without failures (the longest job) divided by that with failures, so 1 means no slowdown. The
paper's script advanced a 1-s clock and could give a failed job to a survivor as if it had been
queued at time 0; this event model has neither artefact.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

__all__ = ["Failures", "makespan_with_redistribution", "makespan_with_restart",
           "sample_failures"]


@dataclass(frozen=True)
class Failures:
    """Which instances fail and when, in seconds after their job started.

    Attributes
    ----------
    instances : numpy.ndarray
        Distinct indices of the failing instances.
    times : numpy.ndarray
        Failure time of each, 0 <= time < its job's runtime.
    """

    instances: np.ndarray
    times: np.ndarray

    @classmethod
    def none(cls) -> Failures:
        """Return the empty failure schedule."""
        return cls(np.array([], dtype=int), np.array([], dtype=float))


def sample_failures(runtimes: np.ndarray, fraction: float, rng: np.random.Generator) -> Failures:
    """Draw floor(fraction·n) failing instances and their failure times.

    Parameters
    ----------
    runtimes : numpy.ndarray
        Runtime of each job (= instance), seconds.
    fraction : float
        Fraction of instances that fail, in [0, 1].
    rng : numpy.random.Generator
        Source of randomness (seeded by the caller).

    Returns
    -------
    Failures
        Instances without replacement; times uniform over each job's runtime.
    """
    count = int(np.floor(fraction * len(runtimes) + 1e-9))
    instances = rng.choice(len(runtimes), size=count, replace=False)
    times = rng.uniform(0.0, runtimes[instances])
    return Failures(np.asarray(instances, dtype=int), np.asarray(times, dtype=float))


def makespan_with_restart(runtimes: np.ndarray, failures: Failures, penalty_s: float) -> float:
    """Return the time-to-solution when failed instances restart and rerun their job.

    Parameters
    ----------
    runtimes : numpy.ndarray
        Runtime of each job, seconds.
    failures : Failures
        The failure schedule.
    penalty_s : float
        Time from a failure until the replacement instance starts the job again.

    Returns
    -------
    float
        max over jobs of the finish time.
    """
    finish = np.array(runtimes, dtype=float)
    finish[failures.instances] = failures.times + penalty_s + finish[failures.instances]
    return float(finish.max())


def makespan_with_redistribution(runtimes: np.ndarray, failures: Failures) -> float:
    """Return the time-to-solution when failed jobs are rerun by the surviving instances.

    Parameters
    ----------
    runtimes : numpy.ndarray
        Runtime of each job, seconds.
    failures : Failures
        The failure schedule; at least one instance must survive if any fails.

    Returns
    -------
    float
        The time the last survivor finishes.
    """
    runtimes = np.asarray(runtimes, dtype=float)
    failed = set(failures.instances.tolist())
    free = [(runtimes[k], k) for k in range(len(runtimes)) if k not in failed]
    if failed and not free:
        raise ValueError("every instance failed: no survivor can rerun the failed jobs")
    heapq.heapify(free)
    for time, job in sorted(zip(failures.times.tolist(), failures.instances.tolist(), strict=True)):
        available, k = heapq.heappop(free)
        heapq.heappush(free, (max(available, time) + runtimes[job], k))
    return float(max(t for t, _ in free))
