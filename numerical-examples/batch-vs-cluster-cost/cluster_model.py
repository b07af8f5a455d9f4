"""A fixed cluster of N instances against AWS Batch for the jobs of one gradient (paper Fig. 11).

Fixed cluster: the jobs are assigned in their recorded order, each to the node with the least
work assigned so far (the lowest node index on ties); a node runs its jobs back to back. The
time-to-solution is the largest node load, every node is paid until then, and the cumulative
idle time is Σ_nodes (time-to-solution − load). AWS Batch starts one instance per job and stops
it when the job ends: no idle time, and the cost is Σ runtimes × price.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np
import pandas as pd

from common.constants import SECONDS_PER_HOUR
from common.errors import DataError
from common.raw import Schema

__all__ = ["SCHEMA", "assign_least_loaded", "cluster_sweep", "job_runtimes", "sorted_runtimes"]

SCHEMA = Schema("Batch versus cluster cost", numeric=("job_index", "started_s", "stopped_s"))


def assign_least_loaded(runtimes: Sequence[float], nodes: int) -> np.ndarray:
    """Assign jobs in order to the least-loaded of ``nodes`` nodes; return each node's load.

    Parameters
    ----------
    runtimes : sequence of float
        Job runtimes in assignment order.
    nodes : int
        Cluster size, >= 1.

    Returns
    -------
    numpy.ndarray
        Total runtime assigned to each node (length ``nodes``).

    Examples
    --------
    >>> assign_least_loaded([3, 2, 2, 1], 2).tolist()
    [4.0, 4.0]
    """
    if nodes < 1:
        raise ValueError(f"a cluster needs at least one node, got {nodes}")
    heap = [(0.0, k) for k in range(nodes)]
    loads = np.zeros(nodes)
    for runtime in runtimes:
        load, k = heapq.heappop(heap)
        loads[k] = load + float(runtime)
        heapq.heappush(heap, (loads[k], k))
    return loads


def cluster_sweep(runtimes: Sequence[float], max_nodes: int, price_per_hour: float) -> pd.DataFrame:
    """Model clusters of 1…``max_nodes`` nodes against Batch.

    Parameters
    ----------
    runtimes : sequence of float
        Job runtimes in recorded order, seconds.
    max_nodes : int
        Largest cluster size.
    price_per_hour : float
        Instance price, USD per hour (the same for cluster and Batch).

    Returns
    -------
    pandas.DataFrame
        Per cluster size ``nodes``: ``time_to_solution_s``, ``idle_s``, ``cluster_cost_usd``,
        and Batch's ``batch_idle_s`` (0), ``batch_cost_usd`` and ``batch_time_to_solution_s``
        (the longest job: all jobs start at once).
    """
    work = float(np.sum(runtimes))
    rows = []
    for nodes in range(1, max_nodes + 1):
        loads = assign_least_loaded(runtimes, nodes)
        tts = float(loads.max())
        rows.append({"nodes": nodes, "time_to_solution_s": tts,
                     "idle_s": float(np.sum(tts - loads)),
                     "cluster_cost_usd": nodes * tts / SECONDS_PER_HOUR * price_per_hour})
    table = pd.DataFrame.from_records(rows)
    table["batch_idle_s"] = 0.0
    table["batch_cost_usd"] = work / SECONDS_PER_HOUR * price_per_hour
    table["batch_time_to_solution_s"] = float(np.max(runtimes))
    return table


def job_runtimes(raw: pd.DataFrame) -> np.ndarray:
    """Return the container runtimes (stopped − started) in ``job_index`` order.

    Parameters
    ----------
    raw : pandas.DataFrame
        Raw rows of one gradient.

    Returns
    -------
    numpy.ndarray
        Runtimes in seconds, in the recorded order (README quirk 13).
    """
    rows = raw.sort_values("job_index", kind="stable")
    runtimes = (rows["stopped_s"] - rows["started_s"]).to_numpy(dtype=float)
    if np.isnan(runtimes).any() or (runtimes < 0).any():
        raise DataError("cost-comparison started_s/stopped_s", "an empty or negative runtime",
                        "stopped_s >= started_s for every job")
    return runtimes


def sorted_runtimes(raw: pd.DataFrame) -> pd.DataFrame:
    """Return the jobs sorted by runtime (paper Fig. 11a): ``rank`` (1…), ``job_index``, runtime."""
    rows = raw.sort_values("job_index", kind="stable")
    table = pd.DataFrame({"job_index": rows["job_index"].astype(np.int64).to_numpy(),
                          "runtime_s": (rows["stopped_s"] - rows["started_s"]).to_numpy()})
    table = table.sort_values("runtime_s", kind="stable").reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return table
