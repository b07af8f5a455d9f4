"""The wavelet tight frame and linearized Bregman (sparsity-promoting LS-RTM)."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.sparsity.bregman import (
    bregman_step,
    quantile_threshold,
    soft_threshold,
)
from seisless_compute.sparsity.wavelet_frame import WaveletFrame


@pytest.mark.parametrize(("shape", "wavelet", "levels"), [
    ((61, 41), "db4", 4), ((33, 20), "haar", 3), ((17, 12, 9), "sym4", 2)])
def test_the_frame_reconstructs_images_and_keeps_their_norm(shape, wavelet, levels):
    # Arrange: odd sizes, padded inside the frame to a multiple of 2**levels
    image = np.random.default_rng(0).normal(size=shape)
    frame = WaveletFrame(shape, wavelet, levels)

    # Act
    coefficients = frame.analysis(image)
    back = frame.synthesis(coefficients)

    # Assert: C^T C = I and ||C x|| = ||x|| (a Parseval tight frame)
    assert back.shape == shape
    np.testing.assert_allclose(back, image, atol=1e-10)
    assert np.linalg.norm(coefficients) == pytest.approx(np.linalg.norm(image), rel=1e-12)


def test_the_frame_is_a_wavelet_transform_that_makes_smooth_images_sparse():
    # Arrange: a smooth bump (zero at the edges, so the periodic boundary adds no jump)
    x, z = np.meshgrid(np.linspace(0, 1, 64), np.linspace(0, 1, 48), indexing="ij")
    smooth = np.exp(-((x - 0.5) ** 2 + (z - 0.5) ** 2) / 0.02)
    frame = WaveletFrame(smooth.shape, "db4", 3)

    # Act
    energy = np.sort(frame.analysis(smooth).ravel() ** 2)[::-1]

    # Assert: 2 % of the coefficients hold 99.9 % of the energy
    assert energy[: energy.size // 50].sum() > 0.999 * energy.sum()


def test_levels_deeper_than_the_grid_allows_are_capped():
    frame = WaveletFrame((20, 16), "db4", 6)

    assert frame.levels_used == 1 and frame.padded == (20, 16)


def test_soft_threshold_shrinks_towards_zero():
    values = np.array([-3.0, -0.5, 0.0, 0.5, 2.0])

    np.testing.assert_array_equal(soft_threshold(values, 1.0), [-2.0, 0.0, 0.0, 0.0, 1.0])


def test_the_first_step_keeps_the_coefficients_above_the_quantile():
    # Arrange: z_0 = 0, so z_1 = t d and λ is the 0.9 quantile of |C z_1|
    direction = np.random.default_rng(1).normal(size=(40, 32))
    frame = WaveletFrame(direction.shape, "db2", 2)

    # Act
    step = bregman_step(np.zeros_like(direction), direction, 0.5, frame=frame, quantile=0.9)

    # Assert
    np.testing.assert_allclose(step.dual, 0.5 * direction, rtol=1e-6)
    assert step.threshold == pytest.approx(quantile_threshold(frame.analysis(0.5 * direction), 0.9))
    assert step.kept == pytest.approx(0.1, abs=0.01)


def _sparse_problem(seed: int = 3):
    """A Gaussian 300 x 1024 matrix and an image with 25 non-zero db2 coefficients."""
    rng = np.random.default_rng(seed)
    frame = WaveletFrame((32, 32), "db2", 3)
    coefficients = np.zeros(frame.padded)
    coefficients.flat[rng.choice(coefficients.size, 25, replace=False)] = 2 * rng.normal(size=25)
    x_true = frame.synthesis(coefficients)
    matrix = rng.normal(size=(300, x_true.size)) / np.sqrt(300)
    return frame, matrix, x_true, matrix @ x_true.ravel()


def test_linearized_bregman_reaches_the_sparse_solution_of_an_underdetermined_problem():
    # Arrange: 300 equations, 1024 unknowns, 25 non-zero wavelet coefficients; λ set at the first
    # iteration to 3 x max|C z_1| (quantile 1 and scale 3, as the task does), then held
    frame, matrix, x_true, data = _sparse_problem()
    dual, image, threshold = np.zeros(x_true.shape), np.zeros(x_true.shape), None

    # Act: z ← z − t g with the step t = ||r||² / ||g||² of Witte et al.
    for _ in range(1000):
        residual = matrix @ image.ravel() - data
        gradient = (matrix.T @ residual).reshape(x_true.shape)
        t = residual @ residual / np.sum(gradient**2)
        step = bregman_step(dual, -gradient, t, frame=frame, threshold=threshold, quantile=1.0)
        if threshold is None:
            threshold = 3 * step.threshold
            step = bregman_step(dual, -gradient, t, frame=frame, threshold=threshold)
        dual, image = step.dual.astype(np.float64), step.image.astype(np.float64)

    # Assert: the sparse image itself, not merely one that fits the data
    assert np.linalg.norm(image - x_true) < 1e-4 * np.linalg.norm(x_true)
    assert np.count_nonzero(np.abs(frame.analysis(image)) > 1e-3) == 25


def test_least_squares_without_sparsity_fits_the_data_with_another_image():
    # Arrange: the same problem; gradient descent from zero converges to the minimum-norm image
    _, matrix, x_true, data = _sparse_problem()
    image = np.zeros(x_true.size)

    # Act
    for _ in range(1000):
        gradient = matrix.T @ (matrix @ image - data)
        image -= gradient @ gradient / np.sum((matrix @ gradient) ** 2) * gradient

    # Assert: why the sparsity matters here: the data are fitted, the image is far from x_true
    assert np.linalg.norm(matrix @ image - data) < 1e-6 * np.linalg.norm(data)
    assert np.linalg.norm(image - x_true.ravel()) > 0.3 * np.linalg.norm(x_true)
