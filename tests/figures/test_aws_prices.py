"""Today's AWS price table (``common/aws_prices.json``), shared with the run report's ledger."""

import json

import pytest
from common.constants import AWS_PRICES_JSON, load_aws_prices, load_prices
from common.errors import SchemaError
from common.paths import REPO_ROOT


def test_the_table_states_region_date_and_source():
    table = load_aws_prices()
    assert table["region"] == "us-east-1"
    assert len(table["date"]) == len("2026-12-06")
    assert "aws.amazon.com" in table["source"]


def test_the_report_reads_the_same_file():
    ledger_module = (REPO_ROOT / "scripts" / "report" / "priceTable.ts").read_text()
    relative = AWS_PRICES_JSON.relative_to(REPO_ROOT).parts
    assert "join(" + ", ".join(f"'{part}'" for part in relative) + ")" in ledger_module


def test_the_spot_fraction_is_the_papers_c5n_ratio(paper_data):
    # aws_prices.json: Spot = 0.2999 × on-demand, the paper's c5n.18xlarge prices of 2019-05-13.
    paper = load_prices(paper_data)
    ratio = paper.usd("c5n.18xlarge spot (2019-05-13)", "instance-hour") / paper.usd(
        "c5n.18xlarge on-demand (2019-05-13)", "instance-hour")
    assert load_aws_prices()["spotFractionOfOnDemand"] == pytest.approx(ratio, abs=1e-4)


def test_todays_on_demand_prices_agree_with_the_papers_where_both_exist(paper_data):
    paper = load_prices(paper_data).table
    ours = load_aws_prices()["ec2OnDemandPerHour"]
    dated = paper[paper["item"].str.endswith("on-demand (2019-05-13)")]
    compared = 0
    for item, usd in zip(dated["item"], dated["price_usd"], strict=True):
        instance = item.split(" ")[0]
        if instance in ours:
            assert ours[instance] == pytest.approx(usd), instance
            compared += 1
    assert compared >= 5


def test_a_table_missing_a_field_is_named(tmp_path):
    path = tmp_path / "aws_prices.json"
    path.write_text(json.dumps({"region": "us-east-1"}))
    with pytest.raises(SchemaError, match="missing field"):
        load_aws_prices(path)
    with pytest.raises(SchemaError, match="the JSON price table"):
        load_aws_prices(tmp_path / "nowhere.json")


def test_lambdas_x86_rate_is_the_papers_and_arm64_is_a_fifth_less(paper_data):
    # The paper's functions ran on x86_64 (Graviton Lambdas came in 2021); seisless deploys arm64.
    per_gb_s = load_aws_prices()["lambdaPerGbSecond"]
    paper = load_prices(paper_data).usd("Lambda compute", "GB-second")
    assert per_gb_s["x86_64"] == pytest.approx(paper, rel=1e-4)
    assert per_gb_s["arm64"] == pytest.approx(0.8 * per_gb_s["x86_64"], rel=1e-4)
