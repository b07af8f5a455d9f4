"""Cosine and sine sums folded about the middle sample: the plain sums, and their transpose."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.operators.folded_sums import FoldedSums

FREQUENCIES = np.array([0.0, 0.013, 0.2, 1.1, 2.9])  # radians per sample


def _angles(doubled: np.ndarray) -> np.ndarray:
    return np.outer(FREQUENCIES, doubled / 2)


@pytest.mark.parametrize("nt", [1, 2, 9, 10])
def test_the_folded_sums_are_the_plain_cosine_and_sine_sums(nt):
    # Arrange
    x = np.random.default_rng(nt).standard_normal((nt, 3))
    sums = FoldedSums.build(_angles, len(FREQUENCIES), nt)
    # Act
    cos, sin = sums.forward(x)
    # Assert
    phase = np.outer(FREQUENCIES, np.arange(nt))
    np.testing.assert_allclose(cos, np.cos(phase) @ x, rtol=0, atol=1e-13)
    np.testing.assert_allclose(sin, np.sin(phase) @ x, rtol=0, atol=1e-13)


@pytest.mark.parametrize("nt", [1, 2, 9, 10])
def test_backward_is_the_transpose_of_forward(nt):
    # Arrange
    rng = np.random.default_rng(nt)
    x, (u, v) = rng.standard_normal((nt, 2)), rng.standard_normal((2, len(FREQUENCIES), 2))
    sums = FoldedSums.build(_angles, len(FREQUENCIES), nt)
    # Act
    cos, sin = sums.forward(x)
    back = sums.backward(u, v)
    # Assert: <F x, (u, v)> = <x, F^T (u, v)>
    assert np.sum(cos * u) + np.sum(sin * v) == pytest.approx(np.sum(x * back), rel=1e-13)
