"""The instance-failure model on hand-made schedules with known answers."""

import numpy as np
import pytest
from resilience_model import (
    Failures,
    makespan_with_redistribution,
    makespan_with_restart,
    sample_failures,
)


def schedule(instances, times):
    return Failures(np.array(instances, dtype=int), np.array(times, dtype=float))


def test_without_failures_both_modes_take_the_longest_job():
    runtimes = np.array([10.0, 20.0, 15.0])
    assert makespan_with_restart(runtimes, Failures.none(), 60.0) == 20.0
    assert makespan_with_redistribution(runtimes, Failures.none()) == 20.0


def test_restart_reruns_the_job_after_the_penalty():
    # instance 0 fails 5 s into its 10 s job: 5 + 60 + 10 = 75
    assert makespan_with_restart(np.array([10.0, 20.0]), schedule([0], [5.0]), 60.0) == 75.0


def test_redistribution_gives_the_job_to_the_first_free_survivor():
    # survivor 1 is free at 20 s, then runs job 0 (10 s)
    assert makespan_with_redistribution(np.array([10.0, 20.0]), schedule([0], [5.0])) == 30.0


def test_a_survivor_cannot_start_a_job_before_it_failed():
    # survivor free at 10 s, but job 0 only fails at 50 s: 50 + 100
    assert makespan_with_redistribution(np.array([100.0, 10.0]), schedule([0], [50.0])) == 150.0


def test_failed_jobs_queue_in_failure_order():
    runtimes = np.array([10.0, 10.0, 10.0, 3.0])
    # job 1 fails at 2 s, job 0 at 4 s; survivors 2 (free at 10 s) and 3 (free at 3 s):
    # job 1 -> instance 3, 3..13 s; job 0 -> instance 2 (free at 10 < 13), 10..20 s
    assert makespan_with_redistribution(runtimes, schedule([0, 1], [4.0, 2.0])) == 20.0


def test_no_survivor_is_an_error():
    with pytest.raises(ValueError, match="every instance failed"):
        makespan_with_redistribution(np.array([1.0]), schedule([0], [0.5]))


def test_sampled_failures_count_instances_and_times():
    runtimes = np.array([10.0, 20.0, 30.0, 40.0])
    rng = np.random.default_rng(1)
    failures = sample_failures(runtimes, 0.5, rng)
    assert len(failures.instances) == 2 and len(set(failures.instances.tolist())) == 2
    assert (failures.times >= 0).all() and (failures.times < runtimes[failures.instances]).all()
    assert len(sample_failures(runtimes, 0.3, rng).instances) == 1  # floor(0.3 * 4)
    assert len(sample_failures(runtimes, 0.0, rng).instances) == 0


def test_sampling_is_reproducible_with_a_seed():
    runtimes = np.linspace(100.0, 300.0, 50)
    first = sample_failures(runtimes, 0.2, np.random.default_rng([7, 0, 3]))
    again = sample_failures(runtimes, 0.2, np.random.default_rng([7, 0, 3]))
    other = sample_failures(runtimes, 0.2, np.random.default_rng([8, 0, 3]))
    assert np.array_equal(first.instances, again.instances)
    assert np.array_equal(first.times, again.times)
    assert not np.array_equal(first.times, other.times)
