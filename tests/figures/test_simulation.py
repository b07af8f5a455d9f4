"""The paper-scale simulation: its event model on hand-made inputs, and the replay of the paper.

The replay check configures the simulation as the paper's system (its measured start-up and
runtimes, its pairwise reducer) and compares the mean time-to-solution per batch size with the
paper's measured runs; the LS-RTM case study's orchestration share is printed (``pytest -s``).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from figures_support import put_examples_on_path

put_examples_on_path()

from common import constants as const  # noqa: E402
from common.errors import DataError  # noqa: E402
from common.paths import REPO_ROOT  # noqa: E402
from sim_case import case_study  # noqa: E402
from sim_cost import ORCHESTRATION, SERVICES, price_usage  # noqa: E402
from sim_events import ConcurrencyPool, EventQueue  # noqa: E402
from sim_inputs import KernelModel, PaperDistributions, load_inputs  # noqa: E402
from sim_jobs import Spot, simulate_phase  # noqa: E402
from sim_reducers import ChunkedFifoReducer, FifoParams, PairParams, PairwiseReducer  # noqa: E402
from sim_tables import SIZES, paper_case_costs  # noqa: E402
from sim_workflow import Replay, Setting, weak_scaling  # noqa: E402
from weak_scaling import drop_duplicate_files, per_run  # noqa: E402

FIFO = FifoParams(chunks=3, chunk_mb=1.0, batch=10, first_byte_s=0.1, requests_in_sequence=3,
                  mbps=100.0, add_s_per_message=0.001)


def _run_reducer(make, arrivals: list[float]) -> tuple[float, object]:
    events, done = EventQueue(), []
    reducer = make(events, len(arrivals), done.append)
    for time in arrivals:
        events.at(time, reducer.arrive)
    events.run()
    assert len(done) == 1
    return done[0], reducer


def test_events_run_in_time_order_and_ties_in_scheduling_order():
    events, seen = EventQueue(), []
    events.at(2.0, lambda: seen.append("late"))
    events.at(1.0, lambda: seen.append("first"))
    events.at(1.0, lambda: (seen.append("second"), events.after(0.5, lambda: seen.append("+0.5"))))
    assert events.run() == 2.0
    assert seen == ["first", "second", "+0.5", "late"]


def test_a_concurrency_pool_runs_at_most_its_limit_at_once():
    events, ends = EventQueue(), []
    pool = ConcurrencyPool(events, 2)
    for _ in range(5):
        pool.submit(1.0, lambda: ends.append(events.now))
    events.run()
    assert ends == [1.0, 1.0, 2.0, 2.0, 3.0]
    assert pool.peak == 2


def test_the_pairwise_reducer_sums_two_gradients_in_one_pair_and_one_poll():
    params = PairParams(pair_s=3.0, requeue_s=1.0, update_s=0.0)
    done, reducer = _run_reducer(lambda ev, n, cb: PairwiseReducer(ev, n, params, cb), [0.0, 0.0])
    # poll at 0 pairs them (3 s); the sum is seen at the poll at 3 s; the update invocation 0.1 s
    assert done == pytest.approx(3.1)
    assert reducer.usage["lambda_invocations"] == 2


def test_the_pairwise_reducer_requeues_a_lone_gradient_until_its_partner_arrives():
    params = PairParams(pair_s=2.0, requeue_s=1.0)
    done, reducer = _run_reducer(lambda ev, n, cb: PairwiseReducer(ev, n, params, cb), [0.0, 2.5])
    # lone at the polls 0, 1, 2; paired at the poll at 3 (2.5 rounded up); sum seen at 5
    assert done == pytest.approx(5.1)
    assert reducer.usage["lambda_invocations"] == 3 + 1 + 1


def test_one_gradient_is_one_fifo_invocation_over_every_chunk():
    done, reducer = _run_reducer(lambda ev, n, cb: ChunkedFifoReducer(ev, n, FIFO, cb), [0.0])
    assert done == pytest.approx(FIFO.invocation_s(3, 3))
    assert FIFO.invocation_s(3, 3) == pytest.approx(0.3 + 9 * 1.0 / 100 + 0.003)
    assert reducer.usage["lambda_invocations"] == 1
    assert reducer.usage["s3_put"] == 3 + 3  # the accumulators, then each chunk's completion mark
    assert reducer.usage["s3_list"] == 1  # one LIST of the marks the invocation wrote together


class _FixedStart:
    """An rng stand-in whose windows start at the given columns, in order."""

    def __init__(self, *starts: int) -> None:
        self.starts = list(starts)

    def integers(self, low: int, high: int) -> int:
        start = self.starts.pop(0)
        assert low <= start < high
        return start


# What-if: a 10-column grid of 4 rows in chunks of 8 floats (2 columns, 5 chunks), 3-column windows
LIMITED = FifoParams(**{**FIFO.__dict__, "chunks": 5, "window": (10, 4, 3), "chunk_floats": 8})


def test_an_aperture_window_covers_the_chunks_its_columns_fall_in():
    assert LIMITED.shot_chunks(_FixedStart(0)) == range(0, 2)  # columns 0-2: floats 0-11
    assert LIMITED.shot_chunks(_FixedStart(3)) == range(1, 3)  # columns 3-5: floats 12-23
    assert LIMITED.shot_chunks(_FixedStart(7)) == range(3, 5)  # columns 7-9: floats 28-39
    assert FIFO.shot_chunks(_FixedStart()) == range(3)  # no window: every chunk


def test_a_reduction_limited_to_apertures_waits_for_the_shots_covering_each_chunk_only():
    # Two shots: columns 0-2 (chunks 0, 1) and 3-5 (chunks 1, 2); chunks 3 and 4 expect none
    done, reducer = _run_reducer(
        lambda ev, n, cb: ChunkedFifoReducer(ev, n, LIMITED, cb, _FixedStart(0, 3)), [0.0, 1.0])

    assert reducer.expected == [1, 2, 1, 0, 0]
    assert reducer.summed == [1, 2, 1, 0, 0]
    # per message two GETs (header, data), per group the accumulator's GET and PUT
    assert reducer.usage["s3_get"] == 2 * 4 + 4
    # the first invocation completes chunk 0, the second chunks 1 and 2: a mark each, a LIST each
    assert reducer.usage["s3_put"] == 4 + 3
    assert reducer.usage["s3_list"] == 2
    assert done == pytest.approx(1.0 + LIMITED.invocation_s(2, 2))


def test_a_fifo_group_is_serialised_a_later_gradient_waits_for_the_batch_in_flight():
    one = FifoParams(**{**FIFO.__dict__, "chunks": 1})
    first = one.invocation_s(1, 1)
    done, _ = _run_reducer(lambda ev, n, cb: ChunkedFifoReducer(ev, n, one, cb), [0.0, 0.01])
    assert done == pytest.approx(2 * first)


def test_a_batch_takes_whole_groups_up_to_its_size_and_groups_reduce_in_parallel():
    small = FifoParams(**{**FIFO.__dict__, "batch": 2})
    done, reducer = _run_reducer(lambda ev, n, cb: ChunkedFifoReducer(ev, n, small, cb), [0.0])
    # the 3 chunk messages: groups 0 and 1 fill one batch; group 2 runs beside it
    assert done == pytest.approx(small.invocation_s(2, 2))
    assert reducer.usage["lambda_invocations"] == 2


def test_the_lambda_concurrency_limit_queues_invocations():
    capped = FifoParams(**{**FIFO.__dict__, "chunks": 4, "batch": 1, "concurrency": 2})
    done, reducer = _run_reducer(lambda ev, n, cb: ChunkedFifoReducer(ev, n, capped, cb), [0.0])
    assert done == pytest.approx(2 * capped.invocation_s(1, 1))
    assert reducer.pool.peak == 2


def test_a_phase_without_interruptions_bills_the_runtimes_and_ends_at_the_last_stop():
    result = simulate_phase(np.array([1.0, 2.0]), np.array([10.0, 20.0]), spot=Spot(0.0, 0),
                            rng=np.random.default_rng(0))
    assert sorted(result.stops) == [11.0, 22.0]
    assert result.done_s == 22.0
    assert result.billed_s == 30.0


def test_interrupted_jobs_are_retried_and_dropped_when_out_of_retries():
    spot = Spot(rate_per_hour=3.6e6, retries=1, restart_delay=lambda: 5.0)  # ~1 ms lifetimes
    result = simulate_phase(np.array([0.0, 0.0]), np.array([100.0, 100.0]), spot=spot,
                            rng=np.random.default_rng(1))
    assert result.attempts == 4
    assert result.interruptions == 4
    assert result.dropped == 2
    assert result.billed_s < 0.1


def test_the_kernel_model_scales_the_measured_rate_by_threads_or_bandwidth():
    measured = {"kernel": {"kernel_gpts_3d_so8": 1.0, "triad_GBps": 20.0, "threads": 2,
                           "wall_over_kernel_warm": 1.1}}
    scenario = {"bp_model": {"shape": [100, 50], "aperture_window_m": 250, "model_extent_m": 1000,
                             "nbl": 5, "recording_time_ms": 100, "dt_ms": 1.0,
                             "propagations": {"gradient": 3}, "gradient_io_mb": 10.0},
                "instance": {"threads": 8, "triad_GBps": 30.0, "s3_MBps": 100.0}}
    model = KernelModel.from_inputs(measured, scenario)
    assert model.points == (25 + 10) * (50 + 10)
    assert model.time_steps == 101
    assert model.gpts == pytest.approx(1.5)  # bandwidth-bound: 30/20 < 8/2
    assert model.job_s("gradient") == pytest.approx(3 * 35 * 60 * 101 / 1.5e9 * 1.1 + 0.1)


@pytest.fixture(scope="module")
def setting(paper_data) -> Setting:
    measured, scenario = load_inputs()
    return Setting.build(measured, scenario,
                         PaperDistributions.from_csv(paper_data / const.WEAK_SCALING_CSV))


def test_the_replayed_paper_lands_within_10_percent_of_its_measured_time_to_solution(
        setting, paper_data):
    price = const.load_prices(paper_data).usd(const.WEAK_SCALING_SPOT_ITEM, "instance-hour")
    raw = drop_duplicate_files(pd.read_csv(paper_data / const.WEAK_SCALING_CSV))
    measured = per_run(raw, price).groupby("instances")["time_to_solution_s"].mean()
    replay_cfg = setting.scenario["replay"]
    replay = weak_scaling("paper", setting, Replay(SIZES, replay_cfg["runs_per_size"],
                                                   replay_cfg["seed"]), price)
    simulated = replay.groupby("instances")["time_to_solution_s"].mean()
    errors = simulated / measured - 1
    print("\nreplay error per batch size:",
          ", ".join(f"{n}: {e:+.1%}" for n, e in errors.items()))
    assert list(errors.index) == list(SIZES)
    assert (errors.abs() <= 0.10).all(), errors


@pytest.fixture(scope="module")
def case(setting) -> tuple[dict, dict]:
    usage = case_study("seisless", setting, 0.0, setting.scenario["replay"]["seed"])
    return usage, price_usage(usage, const.load_aws_prices(), setting.scenario["instance"]["type"],
                              setting.orchestration["lambda_architecture"])


def test_the_case_study_runs_every_gradient_and_its_ledger_adds_up(case, setting):
    usage, cost = case
    assert usage["gradient_jobs"] == 30 * 80
    assert set(cost) == set(SERVICES)
    spot = const.load_aws_prices()["ec2OnDemandPerHour"]["m5.4xlarge"] * 0.2999
    assert cost["EC2 spot"] == pytest.approx(usage["ec2_hours"] * spot, rel=1e-3)
    assert usage["ec2_hours"] >= 2400 * setting.kernel.job_s("gradient") * 0.5 / 3600
    arm64 = const.load_aws_prices()["lambdaPerGbSecond"]["arm64"]
    assert cost["Lambda"] == pytest.approx(usage["lambda_gb_s"] * arm64
                                           + usage["lambda_requests"]
                                           * const.load_aws_prices()["lambdaPerRequest"], rel=1e-9)


def test_the_simulated_functions_run_on_the_deployed_architecture(setting):
    common = (REPO_ROOT / "serverless.common.yml").read_text()
    deployed = re.search(r"^\s+architecture:\s*(\S+)", common, re.MULTILINE).group(1)
    assert setting.orchestration["lambda_architecture"] == deployed


def test_an_architecture_without_a_price_is_named(case, setting):
    usage, _ = case
    with pytest.raises(DataError, match="lambda_architecture.*arm64, x86_64"):
        price_usage(usage, const.load_aws_prices(), "m5.4xlarge", "riscv64")


def test_the_case_studys_orchestration_share_is_below_the_papers(case, paper_data):
    _, cost = case
    share = sum(cost[k] for k in ORCHESTRATION) / cost["EC2 spot"]
    paper = paper_case_costs(paper_data)
    paper_share = sum(paper[k] for k in ORCHESTRATION) / paper["EC2 spot"]
    print(f"\nLS-RTM orchestration / EC2 spot: seisless {share:.3%} "
          f"(Lambda {cost['Lambda']:.3f}, SQS {cost['SQS']:.3f}, Step Functions "
          f"{cost['Step Functions']:.3f} of EC2 {cost['EC2 spot']:.2f} USD); "
          f"paper {paper_share:.3%}")
    assert 0 < share < paper_share
    assert math.isclose(paper_share, 0.0222, abs_tol=0.001)


def test_the_paper_configurations_case_study_time_is_printed_against_its_600_minutes(setting):
    paper = case_study("paper", setting, 0.0, setting.scenario["replay"]["seed"])
    minutes = paper["wall_s"] / 60
    print(f"\npaper configuration, LS-RTM case study: {minutes:.0f} min simulated against the "
          f"{const.LSRTM_TOTAL_RUNTIME_MIN:.0f} min of its cost script")
    assert paper["gradient_jobs"] == 2400
