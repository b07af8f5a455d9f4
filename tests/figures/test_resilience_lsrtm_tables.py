"""Resilience sweep (paper Fig. 12) and LS-RTM cost tables on the paper data."""

import math

import numpy as np
import pytest

from figures_support import run_script


@pytest.fixture(scope="module")
def repeats(table):
    return table("resilience", "resilience_repeats")


def test_resilience_factor_is_one_without_failures_and_at_most_one(repeats, table):
    none = repeats[repeats["failure_pct"] == 0]
    assert np.allclose(none[["factor_restart", "factor_no_restart"]], 1.0)
    assert (repeats[["factor_restart", "factor_no_restart"]] <= 1 + 1e-12).all().all()
    summary = table("resilience", "resilience_summary")
    assert set(summary["case"]) == {"memory", "checkpointing"}
    zero = summary[summary["failure_pct"] == 0]
    assert np.allclose(zero["factor_restart_mean"], 1.0)
    assert np.allclose(zero["factor_restart_std"], 0.0)


def test_resilience_factor_is_longest_job_over_time_to_solution(repeats, raw):
    rows = raw("resilience.csv")
    for case, group in rows.groupby("case"):
        longest = (group["stopped_s"] - group["started_s"]).max()
        mine = repeats[repeats["case"] == case]
        assert np.allclose(mine["factor_restart"], longest / mine["tts_restart_s"])
        assert np.allclose(mine["factor_no_restart"], longest / mine["tts_no_restart_s"])
        assert (mine["failed_instances"] == np.floor(mine["failure_pct"] / 100 * 100 + 1e-9)).all()


def test_resilience_is_reproducible_and_depends_on_the_seed(outputs, tmp_path):
    same = run_script("resilience", "--out", str(tmp_path / "same"))
    other = run_script("resilience", "--out", str(tmp_path / "other"), "--seed", "1",
                       "--repeats", "2")
    assert same.returncode == 0 and other.returncode == 0
    reference = (outputs / "resilience" / "resilience_repeats.csv").read_text()
    assert (tmp_path / "same" / "resilience_repeats.csv").read_text() == reference
    assert (tmp_path / "other" / "resilience_repeats.csv").read_text() != reference


@pytest.fixture(scope="module")
def lsrtm(table):
    return table("lsrtm-cost", "lsrtm_cost_items").set_index("row")


def test_paper_case_lambda_sqs_and_ec2_costs(lsrtm, raw):
    pairs = raw("lsrtm_lambda_invocations.csv")
    case = "TPDS 2020 case USD"
    seconds = (pairs["invocations"] * pairs["avg_duration_s"]).sum() / 8 * 30
    invocations = pairs["invocations"].sum() / 8 * 30
    assert lsrtm.loc["lambda_compute", case] == pytest.approx(seconds * 1.25 * 0.000016667)
    assert lsrtm.loc["lambda_requests", case] == pytest.approx(invocations * 2e-7)
    assert lsrtm.loc["sqs_requests", case] == pytest.approx((invocations + 2400) * 4e-7)
    assert lsrtm.loc["ec2_on_demand", case] == pytest.approx(250 / 3600 * 80 * 30 * 0.80)
    assert lsrtm.loc["ec2_spot", case] == pytest.approx(250 / 3600 * 80 * 30 * 0.3155)
    assert lsrtm.loc["step_transitions", case] == pytest.approx((2 + 180 + 3 + 1200) * 2.5e-5)


def test_seisless_reducer_counts_and_totals(lsrtm, table):
    best, worst = "seisless, 10 msg/invocation", "seisless, 1 msg/invocation"
    assert lsrtm.loc["lambda_requests", f"{best} quantity"] == 30 * math.ceil(80 / 10)
    assert lsrtm.loc["lambda_requests", f"{worst} quantity"] == 30 * 80
    assert lsrtm.loc["sqs_requests", f"{best} quantity"] == 30 * 80
    case = "TPDS 2020 case"
    for row in ("lambda_requests", "sqs_requests"):
        assert lsrtm.loc[row, f"{best} USD"] <= lsrtm.loc[row, f"{worst} USD"] \
            < lsrtm.loc[row, f"{case} USD"]
    # Lambda time: objects moved (gradients + accumulator reads and writes) over the case's
    # 79 pairwise sums of 3 objects each, the calibration of the upper bound
    compute = lsrtm.loc["lambda_compute"]
    assert compute[f"{best} USD"] / compute[f"{case} USD"] == pytest.approx((80 + 2 * 8 - 1) / 237)
    assert compute[f"{worst} USD"] / compute[f"{case} USD"] == pytest.approx((80 + 160 - 1) / 237)
    bars = table("lsrtm-cost", "lsrtm_cost").set_index("bar")
    for design in (case, best, worst):
        column = f"{design} USD"
        services = bars.loc[["Lambda", "SQS", "Step Functions", "S3"], column].sum()
        assert bars.loc["Total with EC2 spot", column] == pytest.approx(
            bars.loc["EC2 spot", column] + services)
        assert bars.loc["S3", column] == pytest.approx(
            lsrtm.loc[["s3_storage", "s3_get", "s3_put", "s3_list"], column].sum())
