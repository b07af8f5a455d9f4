"""The two systems at paper scale: one gradient, and the weak-scaling runs.

``paper``: the paper's configuration — container runtimes drawn from its measured jobs (or the
case study's 250 s), its pairwise reducer. ``seisless``: this system — container runtimes from the
kernel rate measured here scaled to the BP model (:class:`~sim_inputs.KernelModel`) times the
paper's spread between jobs, the chunked FIFO reducer, the state machine's polls and the
assembly. Both draw Batch start-up from the paper's measured distributions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sim_inputs import KernelModel, PaperDistributions
from sim_jobs import Spot, simulate_phase
from sim_reducers import ChunkedFifoReducer, FifoParams, PairParams, PairwiseReducer

__all__ = ["Kind", "Replay", "Setting", "gradient_phase", "paper_pair_params",
           "seisless_fifo_params", "weak_scaling", "woken"]

SECONDS_PER_HOUR = 3600.0
FLOOR_CORRECTION_S = 0.5  # S3 LastModified is floored to whole seconds: +0.5 s on average


def paper_pair_params(scenario: dict, dists: PaperDistributions) -> PairParams:
    """Return the paper's reducer, its pair time calibrated on the batch-size-2 runs."""
    p = scenario["paper_reducer"]
    pair_s = float(np.median(dists.gaps[2])) + FLOOR_CORRECTION_S - p["requeue_s"]
    return PairParams(pair_s=max(pair_s, 0.0), requeue_s=p["requeue_s"], update_s=0.0,
                      concurrency=p["concurrency_limit"], memory_mb=p["memory_mb"])


def seisless_fifo_params(measured: dict, scenario: dict) -> FifoParams:
    """Return seisless's reducer at the BP gradient's size (measured.json, scenario.json).

    Its jobs model their aperture windows, so each shot sends only the chunks its window
    touches and a chunk waits only for the shots whose windows touch it
    (``reduction.shotChunks``, docs/contracts/messages.md).
    """
    acc, red = measured["accumulator"], scenario["reducer"]
    nx, nz = scenario["bp_model"]["shape"]
    chunks = math.ceil(nx * nz / acc["chunk_floats"])
    bp = scenario["bp_model"]
    width = round(bp["aperture_window_m"] / bp["spacing_m"]) + 1
    return FifoParams(chunks=chunks, chunk_mb=nx * nz * 4 / 1e6 / chunks, window=(nx, nz, width),
                      batch=red["messages_per_invocation"], first_byte_s=red["s3_first_byte_s"],
                      requests_in_sequence=red["requests_in_sequence"], mbps=red["lambda_MBps"],
                      add_s_per_message=acc["update_ms_median"] / acc["messages_per_update"] / 1e3,
                      concurrency=red["concurrency_limit"], memory_mb=red["memory_mb"],
                      chunk_floats=acc["chunk_floats"])


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


def gradient_phase(kind: Kind, n: int, s: Setting, rng):
    """Simulate one gradient: ``n`` jobs of ``kind`` and its reduction (a :class:`PhaseResult`)."""
    system, spot, runtime_s = kind.system, kind.spot, kind.runtime_s
    startup = s.dists.draw_startup(n, rng)
    if system == "paper":
        runtime = (s.dists.draw_runtime(n, rng) if runtime_s is None
                   else runtime_s * s.dists.draw_relative(n, rng))
        factory = lambda ev, k, done: PairwiseReducer(ev, k, s.pair, done)  # noqa: E731
    else:
        runtime = s.kernel.job_s("gradient") * s.dists.draw_relative(n, rng)
        factory = lambda ev, k, done: ChunkedFifoReducer(ev, k, s.fifo, done, rng)  # noqa: E731
    return simulate_phase(startup, runtime, spot=spot, rng=rng, make_reducer=factory)


def woken(done_s: float, orchestration: dict, wakes: int) -> tuple[float, int]:
    """Return when the state machine learns that a phase ended, and how many checks it made.

    It checks once right after submitting, once per wake-up (``wakes``: the array job's end and,
    for gradients, the reduction's completion) and once per wait that ran out (every
    ``wait_bound_s``); a wake-up reaches it ``wake_latency_s`` after the event.
    """
    timeouts = math.floor(done_s / orchestration["wait_bound_s"])
    return done_s + orchestration["wake_latency_s"], 1 + wakes + timeouts


def weak_scaling(system: str, s: Setting, replay: Replay, price_per_hour: float) -> pd.DataFrame:
    """Simulate weak-scaling runs, in the columns of ``weak-scaling/weak_scaling.py``.

    ``time_to_solution_s`` ends when the reduced gradient (paper: the image) is written;
    seisless's ``orchestration_s`` is the wake-up's latency plus the status query and the
    assembly, and ``time_to_gradient_s`` includes it.
    """
    records = []
    for n in replay.sizes:
        for run in range(replay.runs):
            rng = np.random.default_rng([replay.seed, n, run, 0 if system == "paper" else 1])
            phase = gradient_phase(Kind(system, Spot(0.0, 0)), n, s, rng)
            container = float(np.mean(phase.runtimes))
            reduction = max(0.0, phase.done_s - max(phase.stops))
            record = {"instances": n, "run": run, "jobs": n, "time_to_solution_s": phase.done_s,
                      "container_s": container, "reduction_s": reduction,
                      "startup_s": phase.done_s - container - reduction,
                      "cost_usd": phase.billed_s / n / SECONDS_PER_HOUR * price_per_hour,
                      "lambda_invocations": phase.usage["lambda_invocations"],
                      "lambda_peak_concurrency": phase.usage["lambda_peak_concurrency"]}
            if system != "paper":
                orch = s.orchestration
                seen, _ = woken(phase.done_s, orch, orch["wakes_per_gradient_phase"])
                extra = seen - phase.done_s + orch["poll_lambda_s"] + s.assemble_s()
                record.update(orchestration_s=extra, time_to_gradient_s=phase.done_s + extra,
                              reducer_invocation_max_s=phase.usage["invocation_s_max"])
            records.append(record)
    return pd.DataFrame.from_records(records)
