"""Means, standard deviations and Student-t confidence intervals over repeated runs.

The confidence interval of a mean over n runs is ``t(1 - (1 - level)/2, n - 1) * s / sqrt(n)``
with the sample standard deviation ``s`` (ddof = 1). The paper's scripts used the normal
quantile 1.645 and ddof = 0, which is narrower for the 3 to 10 runs of these experiments.
scipy is not a dependency: the t quantile is found by bisection on the t distribution function,
which is integrated with Simpson's rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["ci_halfwidth", "ci_suffix", "summarize", "t_cdf", "t_quantile"]

_SIMPSON_INTERVALS = 2000


def _t_pdf(x: np.ndarray, df: float) -> np.ndarray:
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return np.exp(log_norm - (df + 1) / 2 * np.log1p(x * x / df))


def t_cdf(x: float, df: float) -> float:
    """Return the distribution function of Student's t with ``df`` degrees of freedom.

    Parameters
    ----------
    x : float
        Where to evaluate it.
    df : float
        Degrees of freedom, > 0.

    Returns
    -------
    float
        P(T <= x), accurate to about 1e-9 for |x| < 100.
    """
    grid = np.linspace(0.0, abs(x), _SIMPSON_INTERVALS + 1)
    f = _t_pdf(grid, df)
    h = abs(x) / _SIMPSON_INTERVALS
    area = h / 3 * (f[0] + f[-1] + 4 * f[1:-1:2].sum() + 2 * f[2:-1:2].sum())
    return 0.5 + math.copysign(area, x)


def t_quantile(q: float, df: float) -> float:
    """Return the ``q`` quantile of Student's t with ``df`` degrees of freedom.

    Parameters
    ----------
    q : float
        Probability in [0.5, 0.999].
    df : float
        Degrees of freedom, >= 1.

    Returns
    -------
    float
        x with ``t_cdf(x, df) == q`` to about 1e-9.

    Examples
    --------
    >>> round(t_quantile(0.95, 9), 4)
    1.8331
    """
    if not 0.5 <= q <= 0.999 or df < 1:
        raise ValueError(f"t_quantile needs 0.5 <= q <= 0.999 and df >= 1, got q={q}, df={df}")
    low, high = 0.0, 1.0
    while t_cdf(high, df) < q:
        low, high = high, 2 * high
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if t_cdf(mid, df) < q else (low, mid)
    return (low + high) / 2


def ci_halfwidth(values: Sequence[float], level: float) -> float:
    """Return the half-width of the two-sided confidence interval of the mean.

    Parameters
    ----------
    values : sequence of float
        One value per run (NaNs are dropped).
    level : float
        Confidence level, e.g. 0.90.

    Returns
    -------
    float
        ``t((1 + level)/2, n - 1) * std(ddof=1) / sqrt(n)``; NaN for fewer than 2 values.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < 2:
        return math.nan
    return t_quantile((1 + level) / 2, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size)


def ci_suffix(level: float) -> str:
    """Return the column suffix of a confidence half-width, e.g. ``_ci90`` for 0.90."""
    return f"_ci{round(level * 100)}"


def summarize(frame: pd.DataFrame, by: Sequence[str], columns: Sequence[str],
              level: float) -> pd.DataFrame:
    """Summarize per-run values: count, mean, std (ddof = 1) and CI half-width per group.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per run.
    by : sequence of str
        Grouping columns (kept, in sorted group order).
    columns : sequence of str
        Value columns; each gives ``<c>_mean``, ``<c>_std`` and ``<c>_ci<level>``.
    level : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        One row per group with ``runs`` (the group size) and the summary columns.
    """
    groups = frame.groupby(list(by), observed=True, sort=True)
    out = groups.size().rename("runs").to_frame()
    suffix = ci_suffix(level)
    for c in columns:
        out[f"{c}_mean"] = groups[c].mean()
        out[f"{c}_std"] = groups[c].std(ddof=1)
        out[f"{c}{suffix}"] = groups[c].agg(lambda v: ci_halfwidth(v, level))
    return out.reset_index()
