"""Loading raw-timings CSV files against their schema, and the --timings sources."""

from pathlib import Path

import pytest
from common.errors import FiguresError, SchemaError
from common.raw import Schema, Source, load_sources, parse_sources, read_timings

SCHEMA = Schema("test", numeric=("run", "started_s"), text=("series",))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_missing_columns_are_named_with_the_file(tmp_path):
    path = write(tmp_path, "t.csv", "series,run\na,0\n")
    with pytest.raises(SchemaError) as error:
        read_timings(path, SCHEMA)
    assert str(path) in str(error.value)
    assert "missing column(s) started_s" in str(error.value)


def test_a_non_numeric_cell_is_reported_with_column_and_line(tmp_path):
    path = write(tmp_path, "t.csv", "series,run,started_s\na,0,1.5\nb,1,soon\n")
    with pytest.raises(SchemaError, match=r"t.csv:started_s: 'soon' on line 3"):
        read_timings(path, SCHEMA)


def test_empty_cells_and_extra_columns_are_allowed(tmp_path):
    path = write(tmp_path, "t.csv", "series,run,started_s,extra\na,0,,x\n")
    frame = read_timings(path, SCHEMA)
    assert frame["started_s"].isna().all()
    assert "extra" in frame.columns


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(FiguresError, match="no such file"):
        read_timings(tmp_path / "absent.csv", SCHEMA)


def test_parse_sources_defaults_and_labels(tmp_path):
    default = tmp_path / "paper.csv"
    assert parse_sources(None, default, "paper") == [Source("paper", default)]
    sources = parse_sources(["a.csv", "ours=b.csv"], default, "paper")
    assert [(s.label, s.path.name) for s in sources] == [("paper", "a.csv"), ("ours", "b.csv")]


def test_parse_sources_rejects_duplicate_labels(tmp_path):
    with pytest.raises(FiguresError, match="distinct"):
        parse_sources(["x=a.csv", "x=b.csv"], tmp_path / "p.csv", "paper")


def test_load_sources_tags_rows_in_source_order(tmp_path):
    first = write(tmp_path, "1.csv", "series,run,started_s\na,0,1\n")
    second = write(tmp_path, "2.csv", "series,run,started_s\nb,0,2\nb,1,3\n")
    table = load_sources([Source("z", first), Source("a", second)], SCHEMA)
    assert table["source"].tolist() == ["z", "a", "a"]
    assert list(table["source"].cat.categories) == ["z", "a"]
