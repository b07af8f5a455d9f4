"""Table writers, the data-directory resolution and the price lookup."""

import json
import math

import pandas as pd
import pytest
from common.constants import load_prices
from common.errors import DataError, FiguresError
from common.paths import DATA_ENV, REPO_ROOT, resolve_data_dir
from common.tables import TableInfo, format_value, mean_pm, write_table


def test_write_table_writes_csv_markdown_and_json_with_nulls(tmp_path):
    frame = pd.DataFrame({"n": [1, 2], "t_s": [1.5, math.nan]})
    paths = write_table(frame, tmp_path / "out", TableInfo("t", "A title", ["a note"], {"k": 1}))
    assert [p.name for p in paths] == ["t.csv", "t.md", "t.json"]
    document = json.loads(paths[2].read_text())
    assert document["rows"] == [{"n": 1, "t_s": 1.5}, {"n": 2, "t_s": None}]
    assert document["meta"] == {"k": 1} and document["notes"] == ["a note"]
    markdown = paths[1].read_text()
    assert markdown.startswith("# A title") and "| n | t_s |" in markdown
    assert "| 2 | – |" in markdown


def test_format_value_and_mean_pm():
    assert [format_value(v) for v in (0, 3, 123.456, 2.345, 0.012345)] == \
        ["0", "3", "123.5", "2.35", "0.0123"]
    summary = pd.DataFrame({"n": [1], "x_mean": [10.0], "x_std": [math.nan]})
    assert mean_pm(summary, ["n"], {"x": "x [s]"}, "_std")["x [s]"].tolist() == ["10.0"]


def test_data_dir_precedence_option_then_env_then_default(tmp_path):
    option, env = tmp_path / "opt", tmp_path / "env"
    option.mkdir()
    env.mkdir()
    assert resolve_data_dir(str(option), {DATA_ENV: str(env)}) == option.resolve()
    assert resolve_data_dir(None, {DATA_ENV: str(env)}) == env.resolve()
    default = (REPO_ROOT.parent / "shared" / "paper-data").resolve()
    if default.is_dir():
        assert resolve_data_dir(None, {}) == default


def test_data_dir_must_exist(tmp_path):
    with pytest.raises(FiguresError, match="--data"):
        resolve_data_dir(str(tmp_path / "nowhere"), {})


def test_prices_are_read_by_exact_item_and_unit(paper_data):
    prices = load_prices(paper_data)
    assert prices.usd("r5.24xlarge on-demand", "instance-hour") == 6.048
    assert prices.usd("m4.4xlarge spot", "instance-hour", "LS-RTM") == 0.3155
    with pytest.raises(DataError, match="2 matching rows"):
        prices.usd("m4.4xlarge spot", "instance-hour")
    with pytest.raises(DataError, match="unit"):
        prices.usd("S3 GET", "instance-hour")
