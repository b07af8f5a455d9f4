"""The reduction sweep's apertures (reduction-scale/reduction_bench.py).

Each shot's chunks hold its window, and each chunk expects the shots whose windows touch it.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from figures_support import EXAMPLES, put_examples_on_path

put_examples_on_path()
sys.path.insert(0, str(EXAMPLES / "reduction-scale"))

from reduction_bench import Plan, expected_shots, shot_coverage  # noqa: E402


def _plan(window: int | None) -> Plan:
    return Plan((100, 10), 64, Path("unused"), "unused", window=window)


def test_windows_spread_over_the_model_and_their_chunks_hold_them():
    windows, chunks = shot_coverage(_plan(30), 3)

    assert windows == [(0, 30), (35, 30), (70, 30)]
    assert chunks == [(0, 5), (5, 11), (10, 16)]  # elements 0-299, 350-649, 700-999 in chunks of 64
    for (start, width), (first, end) in zip(windows, chunks, strict=True):
        assert first * 64 <= start * 10 and (start + width) * 10 <= end * 64
    assert expected_shots((windows, chunks), 3, math.ceil(1000 / 64)) == [1] * 10 + [2] + [1] * 5


def test_without_a_window_every_chunk_expects_the_whole_batch():
    assert shot_coverage(_plan(None), 3) is None
    assert expected_shots(None, 3, 4) == [3, 3, 3, 3]
