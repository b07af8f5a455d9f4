"""Fixtures of the figure tests: the paper data, and one run of every script into a tmp folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from figures_support import EXAMPLES, put_examples_on_path

put_examples_on_path()  # before importing `common` and the experiments' modules

from common.paths import resolve_data_dir  # noqa: E402


@pytest.fixture(scope="session")
def paper_data() -> Path:
    """Return the paper data directory (``$SEISLESS_PAPER_DATA`` or ``../shared/paper-data``)."""
    return resolve_data_dir(None)


@pytest.fixture(scope="session")
def raw(paper_data):
    """Read a raw CSV of the paper data: ``raw("weak_scaling.csv")``."""
    return lambda name: pd.read_csv(paper_data / name)


@pytest.fixture(scope="session")
def all_outputs(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """Run ``make_all_figures.py`` once into a temporary folder."""
    out = tmp_path_factory.mktemp("figures")
    command = [sys.executable, str(EXAMPLES / "make_all_figures.py"), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out, done


@pytest.fixture(scope="session")
def outputs(all_outputs) -> Path:
    """Return the root of the regenerated outputs: ``<root>/<experiment>/<files>``."""
    return all_outputs[0]


@pytest.fixture(scope="session")
def table(outputs):
    """Load an output table from its CSV, checking that the JSON holds the same values.

    Usage: ``table("weak-scaling", "weak_scaling_summary")``.
    """

    def load(experiment: str, name: str) -> pd.DataFrame:
        frame = pd.read_csv(outputs / experiment / f"{name}.csv")
        document = json.loads((outputs / experiment / f"{name}.json").read_text())
        from_json = pd.DataFrame.from_records(document["rows"], columns=document["columns"])
        pd.testing.assert_frame_equal(frame, from_json, check_dtype=False, check_exact=False,
                                      rtol=1e-12)
        assert (outputs / experiment / f"{name}.md").read_text().startswith("# ")
        return frame

    return load
