"""Student-t quantiles, confidence half-widths and run summaries."""

import math

import numpy as np
import pandas as pd
import pytest
from common.stats import ci_halfwidth, ci_suffix, summarize, t_cdf, t_quantile


@pytest.mark.parametrize(("q", "df", "expected"), [
    (0.95, 1, 6.313752), (0.95, 2, 2.919986), (0.95, 9, 1.833113), (0.975, 4, 2.776445),
    (0.95, 30, 1.697261), (0.5, 5, 0.0),
])
def test_t_quantile_matches_the_tables(q, df, expected):
    assert t_quantile(q, df) == pytest.approx(expected, abs=1e-6)


def test_t_cdf_is_symmetric_and_inverts_the_quantile():
    assert t_cdf(-1.3, 7) == pytest.approx(1 - t_cdf(1.3, 7), abs=1e-12)
    assert t_cdf(t_quantile(0.9, 3), 3) == pytest.approx(0.9, abs=1e-9)


def test_t_quantile_rejects_out_of_range_arguments():
    with pytest.raises(ValueError, match="t_quantile"):
        t_quantile(0.3, 4)


def test_ci_halfwidth_of_a_hand_computed_sample():
    # values 1, 2, 3: mean 2, std (ddof 1) 1, n 3 -> t(0.95, 2) * 1 / sqrt(3)
    assert ci_halfwidth([1.0, 2.0, 3.0], 0.90) == pytest.approx(2.919986 / math.sqrt(3), abs=1e-6)


def test_ci_halfwidth_is_undefined_for_one_value_and_ignores_nans():
    assert math.isnan(ci_halfwidth([5.0], 0.9))
    assert ci_halfwidth([1.0, np.nan, 3.0], 0.9) == pytest.approx(ci_halfwidth([1.0, 3.0], 0.9))


def test_summarize_groups_counts_and_names_the_columns():
    frame = pd.DataFrame({"n": [1, 1, 2, 2, 2], "x": [1.0, 3.0, 2.0, 2.0, 2.0]})
    out = summarize(frame, ["n"], ["x"], 0.9)
    assert out["runs"].tolist() == [2, 3]
    assert out["x_mean"].tolist() == [2.0, 2.0]
    assert out["x_std"].tolist() == pytest.approx([math.sqrt(2), 0.0])
    assert out[f"x{ci_suffix(0.9)}"].iloc[1] == 0.0
    assert ci_suffix(0.9) == "_ci90"
