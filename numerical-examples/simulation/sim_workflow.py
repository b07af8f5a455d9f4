"""The two systems at paper scale: weak scaling runs and the LS-RTM case study.

``paper``: the paper's configuration — container runtimes drawn from its measured jobs (or the
case study's 250 s), its pairwise reducer. ``seisless``: this system — container runtimes from the
kernel rate measured here scaled to the BP model (:class:`~sim_inputs.KernelModel`) times the
paper's spread between jobs, the chunked FIFO reducer, the state machine's polls and the
assembly. Both draw Batch start-up from the paper's measured distributions.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sim_inputs import KernelModel, PaperDistributions
from sim_jobs import Spot, simulate_phase
from sim_reducers import ChunkedFifoReducer, FifoParams, PairParams, PairwiseReducer

from common import constants as const

__all__ = ["Replay", "Setting", "case_study", "paper_pair_params", "seisless_fifo_params",
           "weak_scaling"]

SECONDS_PER_HOUR = 3600.0
FLOOR_CORRECTION_S = 0.5  # S3 LastModified is floored to whole seconds: +0.5 s on average


def paper_pair_params(scenario: dict, dists: PaperDistributions) -> PairParams:
    """Return the paper's reducer, its pair time calibrated on the batch-size-2 runs."""
    p = scenario["paper_reducer"]
    pair_s = float(np.median(dists.gaps[2])) + FLOOR_CORRECTION_S - p["requeue_s"]
    return PairParams(pair_s=max(pair_s, 0.0), requeue_s=p["requeue_s"], update_s=0.0,
                      concurrency=p["concurrency_limit"], memory_mb=p["memory_mb"])


def seisless_fifo_params(measured: dict, scenario: dict) -> FifoParams:
    """Return seisless's reducer at the BP gradient's size (measured.json, scenario.json)."""
    acc, red = measured["accumulator"], scenario["reducer"]
    nx, nz = scenario["bp_model"]["shape"]
    chunks = math.ceil(nx * nz / acc["chunk_floats"])
    return FifoParams(chunks=chunks, chunk_mb=nx * nz * 4 / 1e6 / chunks,
                      batch=red["messages_per_invocation"], first_byte_s=red["s3_first_byte_s"],
                      requests_in_sequence=red["requests_in_sequence"], mbps=red["lambda_MBps"],
                      add_s_per_message=acc["update_ms_median"] / acc["messages_per_update"] / 1e3,
                      concurrency=red["concurrency_limit"], memory_mb=red["memory_mb"])


@dataclass(frozen=True)
class Setting:
    """Everything one simulated run needs."""

    measured: dict
    scenario: dict
    dists: PaperDistributions
    kernel: KernelModel
    pair: PairParams
    fifo: FifoParams

    @classmethod
    def build(cls, measured: dict, scenario: dict, dists: PaperDistributions) -> Setting:
        """Derive the models from the inputs."""
        return cls(measured, scenario, dists, KernelModel.from_inputs(measured, scenario),
                   paper_pair_params(scenario, dists), seisless_fifo_params(measured, scenario))

    @property
    def orchestration(self) -> dict:
        """The ``orchestration`` section of scenario.json."""
        return self.scenario["orchestration"]

    def assemble_s(self) -> float:
        """Assembly: every accumulator read and the gradient written."""
        return 2 * self.fifo.chunks * self.fifo.chunk_mb / self.orchestration["assemble_MBps"]


@dataclass(frozen=True)
class Replay:
    """Which runs to simulate: batch sizes, runs per size, seed."""

    sizes: tuple[int, ...]
    runs: int
    seed: int


@dataclass(frozen=True)
class Kind:
    """One gradient's system (``paper`` or ``seisless``), Spot model and fixed runtime.

    ``runtime_s``: the paper's case study runs 250 s × the measured spread; None: the paper's
    measured runtimes (seisless: its kernel model).
    """

    system: str
    spot: Spot
    runtime_s: float | None = None


def _gradient(kind: Kind, n: int, s: Setting, rng):
    system, spot, runtime_s = kind.system, kind.spot, kind.runtime_s
    startup = s.dists.draw_startup(n, rng)
    if system == "paper":
        runtime = (s.dists.draw_runtime(n, rng) if runtime_s is None
                   else runtime_s * s.dists.draw_relative(n, rng))
        factory = lambda ev, k, done: PairwiseReducer(ev, k, s.pair, done)  # noqa: E731
    else:
        runtime = s.kernel.job_s("gradient") * s.dists.draw_relative(n, rng)
        factory = lambda ev, k, done: ChunkedFifoReducer(ev, k, s.fifo, done)  # noqa: E731
    return simulate_phase(startup, runtime, spot=spot, rng=rng, make_reducer=factory)


def _detected(done_s: float, poll_s: float) -> tuple[float, int]:
    """Return the first poll at or after ``done_s`` (every ``poll_s`` from the phase's start)."""
    polls = max(math.ceil(done_s / poll_s - 1e-9), 1)
    return polls * poll_s, polls


def weak_scaling(system: str, s: Setting, replay: Replay, price_per_hour: float) -> pd.DataFrame:
    """Simulate weak-scaling runs, in the columns of ``weak-scaling/weak_scaling.py``.

    ``time_to_solution_s`` ends when the reduced gradient (paper: the image) is written;
    seisless's ``orchestration_s`` is the wait for the state machine's next poll plus the status
    query and the assembly, and ``time_to_gradient_s`` includes it.
    """
    records = []
    for n in replay.sizes:
        for run in range(replay.runs):
            rng = np.random.default_rng([replay.seed, n, run, 0 if system == "paper" else 1])
            phase = _gradient(Kind(system, Spot(0.0, 0)), n, s, rng)
            container = float(np.mean(phase.runtimes))
            reduction = max(0.0, phase.done_s - max(phase.stops))
            record = {"instances": n, "run": run, "jobs": n, "time_to_solution_s": phase.done_s,
                      "container_s": container, "reduction_s": reduction,
                      "startup_s": phase.done_s - container - reduction,
                      "cost_usd": phase.billed_s / n / SECONDS_PER_HOUR * price_per_hour,
                      "lambda_invocations": phase.usage["lambda_invocations"],
                      "lambda_peak_concurrency": phase.usage["lambda_peak_concurrency"]}
            if system != "paper":
                seen, _ = _detected(phase.done_s, s.orchestration["poll_s"])
                extra = seen - phase.done_s + s.orchestration["poll_lambda_s"] + s.assemble_s()
                record.update(orchestration_s=extra, time_to_gradient_s=phase.done_s + extra,
                              reducer_invocation_max_s=phase.usage["invocation_s_max"])
            records.append(record)
    return pd.DataFrame.from_records(records)


def case_study(system: str, s: Setting, spot_rate: float, seed: int) -> dict:
    """Simulate the LS-RTM case study: iterations × batch gradients (+ born-norm jobs, seisless).

    Returns
    -------
    dict
        ``wall_s``, ``gradient_jobs``, ``interruptions``, ``dropped`` and the usage quantities
        (``ec2_hours``, ``lambda_gb_s``, ``lambda_requests``, ``sqs_requests``,
        ``step_transitions``, ``s3_get``, ``s3_put``, ``s3_list``, ``s3_gb_month``).
    """
    case, orch = s.scenario["case_study"], s.orchestration
    rng = np.random.default_rng([seed, 0 if system == "paper" else 1, int(spot_rate * 1e6)])
    spot = Spot(spot_rate, s.scenario["spot"]["retries"],
                lambda: float(s.dists.draw_startup(1, rng)[0]))
    n, wall, use = case["batch_size"], 0.0, Counter()
    gradient_gb = s.fifo.chunks * s.fifo.chunk_mb / 1e3
    kept_from: list[float] = []  # when each iteration's gradients were written
    for _ in range(case["iterations"]):
        if system == "paper":
            phase = _gradient(Kind("paper", spot, const.LSRTM_CONTAINER_RUNTIME_S), n, s, rng)
            wall += phase.done_s
            _add_phase(use, phase, jobs_requests=(2, 1))
            continue
        wall += 2 * orch["step_lambda_s"]
        phase = _gradient(Kind("seisless", spot), n, s, rng)
        seen, polls = _detected(phase.done_s, orch["poll_s"])
        wall += seen + orch["poll_lambda_s"] + s.assemble_s() + orch["step_lambda_s"]
        _add_phase(use, phase, jobs_requests=(3, 2))
        _add_polls(use, polls, s, gradient_poll=True)
        use["lambda_gb_s"] += s.assemble_s() * orch["poll_lambda_mb"] / 1024
        use["lambda_invocations"] += 1
        use["s3_get"] += s.fifo.chunks
        use["s3_put"] += 2
        trial = simulate_phase(s.dists.draw_startup(n, rng),
                               s.kernel.job_s("born_norm") * s.dists.draw_relative(n, rng),
                               spot=spot, rng=rng)
        seen, polls = _detected(trial.done_s, orch["poll_s"])
        wall += seen + 2 * orch["step_lambda_s"]
        _add_phase(use, trial, jobs_requests=(3, 1))
        _add_polls(use, polls, s, gradient_poll=False)
        steps = orch["step_lambdas_per_iteration"]
        use["lambda_gb_s"] += steps * orch["step_lambda_s"] * orch["poll_lambda_mb"] / 1024
        use["lambda_invocations"] += steps
        use["step_transitions"] += orch["transitions_per_iteration"]
        kept_from.append(wall)
    use["stored_gb_s"] = sum(n * gradient_gb * (wall - t) for t in kept_from)  # kept to the end
    use["gradients"] = n * case["iterations"]
    return _case_totals(system, s, use, wall)


def _add_phase(use: Counter, phase, jobs_requests: tuple[int, int]) -> None:
    use.update({k: v for k, v in phase.usage.items() if k not in ("invocation_s_max",
                                                                   "lambda_peak_concurrency")})
    use["ec2_s"] += phase.billed_s
    use["s3_get"] += jobs_requests[0] * phase.attempts
    use["s3_put"] += jobs_requests[1] * len(phase.stops)
    use["interruptions"] += phase.interruptions
    use["dropped"] += phase.dropped


def _add_polls(use: Counter, polls: int, s: Setting, gradient_poll: bool) -> None:
    orch = s.orchestration
    functions = 2 if gradient_poll else 1  # progress (+ status)
    use["lambda_invocations"] += functions * polls
    use["lambda_gb_s"] += functions * polls * orch["poll_lambda_s"] * orch["poll_lambda_mb"] / 1024
    key = "transitions_per_gradient_poll" if gradient_poll else "transitions_per_jobs_poll"
    use["step_transitions"] += polls * orch[key]
    if gradient_poll:
        use["s3_get"] += polls * s.fifo.chunks  # status: one HEAD per accumulator
        use["s3_list"] += polls  # and the dead-letter prefix


def _case_totals(system: str, s: Setting, use: Counter, wall: float) -> dict:
    orch, case = s.orchestration, s.scenario["case_study"]
    if system != "paper":
        use["step_transitions"] += orch["transitions_per_run"]
        # the event source's pollers long-poll the queue whenever it is empty (billed receives)
        use["sqs_requests"] += orch["esm_pollers"] * wall / orch["esm_long_poll_s"]
    month_s = 30 * 24 * SECONDS_PER_HOUR
    return {"system": system, "wall_s": wall, "gradient_jobs": use["gradients"],
            "interruptions": use["interruptions"], "dropped": use["dropped"],
            "ec2_hours": use["ec2_s"] / SECONDS_PER_HOUR, "lambda_gb_s": use["lambda_gb_s"],
            "lambda_requests": use["lambda_invocations"], "sqs_requests": use["sqs_requests"],
            "step_transitions": use["step_transitions"], "s3_get": use["s3_get"],
            "s3_put": use["s3_put"], "s3_list": use["s3_list"],
            "s3_gb_month": (case["storage_gb"] * wall + use["stored_gb_s"]) / month_s}
