"""The LS-RTM case study at paper scale: iterations × batch-size gradients, both systems.

``paper``: each iteration is one gradient of 250 s jobs (× the measured spread) and the pairwise
reducer, as the paper's case. ``seisless``: select and submit, the gradient jobs, the chunked
reduction, the state machine's wake-up and the assembly, the line search, the born-norm jobs of the
exact step (a second Batch phase), the update — with every Lambda, SQS, Step Functions and S3
request counted for the ledger (:func:`sim_cost.price_usage`).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sim_jobs import Spot, simulate_phase
from sim_workflow import SECONDS_PER_HOUR, Kind, Setting, gradient_phase, woken

from common import constants as const

__all__ = ["case_study"]


def case_study(system: str, s: Setting, spot_rate: float, seed: int) -> dict:
    """Simulate the LS-RTM case study: iterations × batch gradients (+ born-norm jobs, seisless).

    Returns
    -------
    dict
        ``wall_s``, ``gradient_jobs``, ``interruptions``, ``dropped`` and the usage quantities
        (``ec2_hours``, ``lambda_gb_s``, ``lambda_requests``, ``sqs_requests``,
        ``step_transitions``, ``s3_get``, ``s3_put``, ``s3_list``, ``s3_gb_month``).
    """
    case = s.scenario["case_study"]
    rng = np.random.default_rng([seed, 0 if system == "paper" else 1, int(spot_rate * 1e6)])
    spot = Spot(spot_rate, s.scenario["spot"]["retries"],
                lambda: float(s.dists.draw_startup(1, rng)[0]))
    n, wall, use = case["batch_size"], 0.0, Counter()
    gradient_gb = s.fifo.chunks * s.fifo.chunk_mb / 1e3
    kept_from: list[float] = []  # when each iteration's gradients were written
    for _ in range(case["iterations"]):
        if system == "paper":
            phase = gradient_phase(Kind("paper", spot, const.LSRTM_CONTAINER_RUNTIME_S), n, s, rng)
            wall += phase.done_s
            _add_phase(use, phase, jobs_requests=(2, 1))
            continue
        wall += _seisless_iteration(s, (rng, spot), use)
        kept_from.append(wall)
    use["stored_gb_s"] = sum(n * gradient_gb * (wall - t) for t in kept_from)  # kept to the end
    use["gradients"] = n * case["iterations"]
    return _case_totals(system, s, use, wall)


def _seisless_iteration(s: Setting, draws: tuple, use: Counter) -> float:
    """Simulate one seisless LS-RTM iteration; add its usage to ``use``; return its seconds."""
    rng, spot = draws
    orch, n = s.orchestration, s.scenario["case_study"]["batch_size"]
    wall = 2 * orch["step_lambda_s"]
    phase = gradient_phase(Kind("seisless", spot), n, s, rng)
    seen, checks = woken(phase.done_s, orch, orch["wakes_per_gradient_phase"])
    wall += seen + orch["poll_lambda_s"] + s.assemble_s() + orch["step_lambda_s"]
    _add_phase(use, phase, jobs_requests=(3, 2))
    _add_checks(use, checks, s, gradient=True)
    use["lambda_gb_s"] += s.assemble_s() * orch["poll_lambda_mb"] / 1024
    use["lambda_invocations"] += 1
    use["s3_get"] += s.fifo.chunks
    use["s3_put"] += 2
    trial = simulate_phase(s.dists.draw_startup(n, rng),
                           s.kernel.job_s("born_norm") * s.dists.draw_relative(n, rng),
                           spot=spot, rng=rng)
    seen, checks = woken(trial.done_s, orch, orch["wakes_per_jobs_phase"])
    wall += seen + 2 * orch["step_lambda_s"]
    _add_phase(use, trial, jobs_requests=(3, 1))
    _add_checks(use, checks, s, gradient=False)
    steps = orch["step_lambdas_per_iteration"]
    use["lambda_gb_s"] += steps * orch["step_lambda_s"] * orch["poll_lambda_mb"] / 1024
    use["lambda_invocations"] += steps
    use["step_transitions"] += orch["transitions_per_iteration"]
    return wall


def _add_phase(use: Counter, phase, jobs_requests: tuple[int, int]) -> None:
    use.update({k: v for k, v in phase.usage.items() if k not in ("invocation_s_max",
                                                                   "lambda_peak_concurrency")})
    use["ec2_s"] += phase.billed_s
    use["s3_get"] += jobs_requests[0] * phase.attempts
    use["s3_put"] += jobs_requests[1] * len(phase.stops)
    use["interruptions"] += phase.interruptions
    use["dropped"] += phase.dropped


def _add_checks(use: Counter, checks: int, s: Setting, gradient: bool) -> None:
    """Add a phase's checks, its wake-ups and its array job's state change event.

    Each check follows a wait (awaitWake), then runs progress (+ status for gradients).
    """
    orch = s.orchestration
    functions = 2 if gradient else 1  # progress (+ status)
    use["lambda_invocations"] += (functions + 1) * checks
    use["lambda_gb_s"] += checks * (functions * orch["poll_lambda_s"] * orch["poll_lambda_mb"]
                                    + orch["await_lambda_s"] * orch["await_lambda_mb"]) / 1024
    use["s3_put"] += checks  # awaitWake stores the token
    use["s3_get"] += checks  # and reads the latest wake-up
    key = "transitions_per_gradient_wait" if gradient else "transitions_per_jobs_wait"
    use["step_transitions"] += checks * orch[key]
    if gradient:
        use["s3_get"] += checks * s.fifo.chunks  # status: one HEAD per accumulator
        use["s3_list"] += checks  # and the dead-letter prefix
    # jobEnded runs for the array job's own event (the rule's pattern drops its children's);
    # wake-ups write a record and read the waiter
    events = 1
    use["lambda_invocations"] += events
    use["lambda_gb_s"] += events * orch["job_event_lambda_s"] * orch["job_event_lambda_mb"] / 1024
    wakes = orch["wakes_per_gradient_phase" if gradient else "wakes_per_jobs_phase"]
    use["s3_put"] += wakes
    use["s3_get"] += wakes


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
