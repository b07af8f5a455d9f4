"""Weak scaling: the tables of the script on the paper data are internally consistent."""

import numpy as np
import pytest
from common.stats import ci_halfwidth

EXPERIMENT = "weak-scaling"
PRICE = 0.2748  # prices.csv: m4.4xlarge spot (2019-04-05)


@pytest.fixture(scope="module")
def runs(table):
    return table(EXPERIMENT, "weak_scaling_runs")


@pytest.fixture(scope="module")
def summary(table):
    return table(EXPERIMENT, "weak_scaling_summary")


def test_time_to_solution_is_container_plus_reduction_plus_startup(runs, summary):
    parts = runs["container_s"] + runs["reduction_s"] + runs["startup_s"]
    assert np.allclose(runs["time_to_solution_s"], parts)
    means = summary["container_s_mean"] + summary["reduction_s_mean"] + summary["startup_s_mean"]
    assert np.allclose(summary["time_to_solution_s_mean"], means)


def test_every_run_has_one_job_per_instance_and_ten_runs_except_the_duplicate(runs, summary):
    assert (runs["jobs"] == runs["instances"]).all()
    assert summary["instances"].tolist() == [1, 2, 4, 8, 16, 32, 64, 128]
    assert summary["runs"].tolist() == [9] + [10] * 7  # batch size 1, run 6 is a copy of run 0


def test_values_recomputed_from_the_raw_rows(runs, raw):
    rows = raw("weak_scaling.csv")
    rows = rows[rows["duplicate_of"].isna()]
    for (n, r), job in rows.groupby(["instances", "run"]):
        got = runs[(runs["instances"] == n) & (runs["run"] == r)].iloc[0]
        container = job["stopped_s"] - job["started_s"]
        assert got["cost_usd"] == pytest.approx(container.sum() / n * PRICE / 3600)
        assert got["reduction_s"] == pytest.approx(
            max(0.0, (job["image_modified_s"] - job["stopped_s"]).min()))
        startup = (job["started_s"] - job["created_s"]).mean() \
            + (job["image_modified_s"] - job["stopped_s"]).mean() - got["reduction_s"]
        assert got["startup_s"] == pytest.approx(startup)


def test_reduction_is_never_negative_and_grows_with_the_batch(summary):
    assert (summary["reduction_s_mean"] >= 0).all()
    assert summary["reduction_s_mean"].iloc[-1] > summary["reduction_s_mean"].iloc[0]


def test_confidence_intervals_are_student_t_over_runs(runs, summary):
    for metric in ("time_to_solution_s", "cost_usd"):
        expected = [ci_halfwidth(runs[runs["instances"] == n][metric], 0.90)
                    for n in summary["instances"]]
        assert np.allclose(summary[f"{metric}_ci90"], expected)


def test_cost_per_instance_is_mean_container_time_times_price(summary):
    assert np.allclose(summary["cost_usd_mean"], summary["container_s_mean"] * PRICE / 3600)


def test_the_four_figures_are_written(outputs):
    names = ["time_to_solution", "startup", "container_cost", "reduction"]
    for name in names:
        assert (outputs / EXPERIMENT / f"weak_scaling_{name}.png").stat().st_size > 20_000
