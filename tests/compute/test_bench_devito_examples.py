"""The benchmark's side-by-side run against Devito's example solvers, at a tiny size."""

from __future__ import annotations

import json
import math

import pytest
from seisless_compute import bench


# Devito's example Model builds its Grid the deprecated way; not ours to change.
@pytest.mark.filterwarnings("ignore:Passing `SubDomain`s to `Grid`:DeprecationWarning")
def test_the_comparison_with_devito_examples_prints_positive_ratios_in_its_json_line(capsys):
    # Arrange: 16^3 + 4-point layers, a few steps, one timed run each (only the plumbing)
    argv = ["--parts", "examples", "--compare-shape", "16", "16", "16", "--compare-nbl", "4",
            "--compare-ms", "8", "--compare-repeats", "1"]

    # Act
    bench.main(argv)
    lines = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(lines[-1])

    # Assert
    print(*lines[:-1], sep="\n")
    for key in ("kernel_gpts_3d_tti_so8", "tti_over_devito_example",
                "acoustic_over_devito_example"):
        assert math.isfinite(summary[key]) and summary[key] > 0, key
    details = summary["devito_example"]
    assert details["shape"] == [16, 16, 16] and details["nbl"] == 4
    for physics in ("acoustic", "tti"):
        assert details[f"{physics}_steps"] >= 2
        assert details[f"{physics}_example_gpts"] > 0 and details[f"{physics}_ours_gpts"] > 0
