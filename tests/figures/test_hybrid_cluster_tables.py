"""Hybrid table and the Batch-versus-cluster sweep (paper Fig. 11) on the paper data."""

import numpy as np
import pytest

PRICE = 0.2748  # prices.csv: m4.4xlarge spot (2019-04-05)


def test_hybrid_table_is_mean_and_std_of_the_runs(table, raw):
    summary = table("hybrid-scaling", "hybrid_scaling_table")
    rows = raw("hybrid_scaling.csv")
    assert summary["case"].tolist() == ["omp_24_half_domain", "omp_24_full_domain",
                                        "omp_48_full_domain", "mpi_2x24_full_domain"]
    assert (summary["runs"] == 3).all()
    assert (summary["total_cores"] == summary["mpi_ranks"] * summary["omp_threads_per_rank"]).all()
    for case, group in rows.groupby("case"):
        got = summary[summary["case"] == case].iloc[0]
        for metric in ("kernel_s", "script_s"):
            assert got[f"{metric}_mean"] == pytest.approx(group[metric].mean())
            assert got[f"{metric}_std"] == pytest.approx(group[metric].std(ddof=1))


@pytest.fixture(scope="module")
def sweep(table):
    return table("batch-vs-cluster-cost", "figure_11bc_cluster_vs_batch")


@pytest.fixture(scope="module")
def runtimes(raw):
    rows = raw("cost_comparison.csv").sort_values("job_index")
    return (rows["stopped_s"] - rows["started_s"]).to_numpy()


def test_one_node_cluster_costs_what_batch_costs_and_is_never_idle(sweep, runtimes):
    first = sweep.iloc[0]
    assert first["nodes"] == 1 and first["idle_s"] == pytest.approx(0.0, abs=1e-6)
    assert first["cluster_cost_usd"] == pytest.approx(first["batch_cost_usd"])
    assert first["batch_cost_usd"] == pytest.approx(runtimes.sum() * PRICE / 3600)
    assert first["time_to_solution_s"] == pytest.approx(runtimes.sum())


def test_idle_time_and_cost_identities(sweep, runtimes):
    nodes, tts = sweep["nodes"], sweep["time_to_solution_s"]
    assert np.allclose(sweep["idle_s"], nodes * tts - runtimes.sum())
    assert np.allclose(sweep["cluster_cost_usd"],
                       sweep["batch_cost_usd"] + sweep["idle_s"] * PRICE / 3600)
    assert (sweep["idle_s"] >= -1e-6).all() and (sweep["batch_idle_s"] == 0).all()


def test_time_to_solution_bounds(sweep, runtimes):
    tts, nodes = sweep["time_to_solution_s"], sweep["nodes"]
    assert (tts >= np.maximum(runtimes.max(), runtimes.sum() / nodes) - 1e-6).all()
    assert sweep["nodes"].max() == len(runtimes) == 100
    assert tts.iloc[-1] == pytest.approx(runtimes.max())
    assert (sweep["batch_time_to_solution_s"] == runtimes.max()).all()


def test_sorted_runtimes_are_the_jobs_in_ascending_order(table, runtimes):
    jobs = table("batch-vs-cluster-cost", "figure_11a_sorted_runtimes")
    assert np.allclose(jobs["runtime_s"], np.sort(runtimes))
    assert jobs["rank"].tolist() == list(range(1, 101))
    assert sorted(jobs["job_index"]) == list(range(100))
