"""OpenMP and MPI strong scaling: efficiency definitions, kernel sums and costs."""

import numpy as np
import pytest

OMP, MPI = "strong-scaling-omp", "strong-scaling-mpi"
SECTIONS = [f"kernel_{op}_section{k}_s" for op in ("fwd", "adj") for k in range(3)]


@pytest.fixture(scope="module")
def omp(table):
    return table(OMP, "strong_scaling_omp_summary")


@pytest.fixture(scope="module")
def mpi(table):
    return table(MPI, "strong_scaling_mpi_summary")


@pytest.mark.parametrize(("fixture", "units"), [("omp", "threads"), ("mpi", "nodes")])
def test_efficiency_is_one_at_one_unit_and_t1_over_n_tn(request, fixture, units):
    summary = request.getfixturevalue(fixture)
    assert np.allclose(summary.loc[summary[units] == 1, "efficiency"], 1.0)
    for _, rows in summary.groupby("series"):
        t1 = rows.loc[rows[units] == 1, "kernel_s_mean"].iloc[0]
        assert np.allclose(rows["efficiency"], t1 / (rows[units] * rows["kernel_s_mean"]))
        assert np.allclose(rows["speedup"], rows["efficiency"] * rows[units])


def test_omp_series_and_thread_range(omp):
    assert omp["series"].unique().tolist() == ["batch_default", "batch_no_ht", "ec2_metal",
                                               "optimum"]
    assert omp["threads"].max() == 48 and omp["threads"].min() == 1


def test_omp_kernel_is_the_sum_of_the_sections(omp, raw, table):
    runs = table(OMP, "strong_scaling_omp_runs")
    rows = raw("strong_scaling_omp.csv")
    assert np.allclose(runs["kernel_s"], rows[SECTIONS].sum(axis=1))
    ec2_24 = rows[(rows["series"] == "ec2_metal") & (rows["threads"] == 24)][SECTIONS]
    got = omp[(omp["series"] == "ec2_metal") & (omp["threads"] == 24)]["kernel_s_mean"].iloc[0]
    assert got == pytest.approx(ec2_24.sum(axis=1).mean())


def test_mpi_cost_is_nodes_times_container_time_times_price(table, raw):
    runs = table(MPI, "strong_scaling_mpi_runs")
    prices = {"r5_24xlarge_batch": (6.048, 1.7103), "c5n_18xlarge_batch": (3.456, 1.1659)}
    for series, (on_demand, spot) in prices.items():
        rows = runs[runs["series"] == series]
        hours = rows["nodes"] * rows["container_s"] / 3600
        assert np.allclose(rows["cost_on_demand_usd"], hours * on_demand)
        single = rows["nodes"] == 1
        assert np.allclose(rows.loc[single, "cost_spot_usd"], hours[single] * spot)
        assert rows.loc[~single, "cost_spot_usd"].isna().all()


def test_mpi_bare_metal_has_no_batch_times_and_all_ten_runs(mpi):
    metal = mpi[mpi["series"].str.endswith("metal")]
    assert metal["container_s_mean"].isna().all() and metal["cost_on_demand_usd_mean"].isna().all()
    assert (metal["runs"] == 10).all()
    assert mpi["nodes"].unique().tolist() == [1, 2, 4, 8, 16]


def test_mpi_breakdown_is_ordered_job_container_script_kernel(mpi):
    batch = mpi[mpi["series"].str.endswith("batch")]
    assert (batch["job_s_mean"] >= batch["container_s_mean"]).all()
    assert (batch["container_s_mean"] >= batch["script_s_mean"]).all()
    assert (batch["script_s_mean"] >= batch["kernel_s_mean"]).all()
