"""TTI gradient wrt m: Taylor test of the FWI objective, and the LS-RTM gradient from its
parts."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.solvers import Anisotropy, TTISolver


def _bump(shape, amplitude):
    """A smooth perturbation of ``m`` vanishing near the grid's edges."""
    axes = [np.sin(np.pi * np.clip((np.arange(n) - 5) / (n - 11), 0, 1)) ** 2 for n in shape]
    return (amplitude * np.prod(np.meshgrid(*axes, indexing="ij"), axis=0)).astype(np.float32)


def _solver(case, **options) -> TTISolver:
    shape = case.vp.shape
    ramp = np.linspace(0.0, 1.0, shape[-1]) * np.ones(shape)
    anisotropy = Anisotropy(epsilon=0.1 + 0.15 * ramp, delta=0.05 + 0.05 * ramp,
                            theta=0.2 + 0.5 * ramp)
    return TTISolver(case.grid, case.geometry, anisotropy=anisotropy,
                     space_order=case.space_order, nbl=case.nbl, cache_dir=case.cache_dir,
                     **options)


def test_tti_fwi_gradient_passes_the_taylor_test(shot_2d):
    # Arrange: as the acoustic Taylor test (tests/compute/test_gradients.py): the second-order
    # remainder is fitted over the 4 largest steps, the first-order one over the 4 smallest
    solver = _solver(shot_2d, vp_max=3.0)
    d_obs, _ = solver.forward(shot_2d.vp)
    m0 = 1.0 / shot_2d.vp0.astype(np.float64) ** 2
    dm = _bump(m0.shape, 0.1)
    steps = 2.0 ** -np.arange(1, 9)
    # Act
    f0, gradient = solver.fwi_gradient(shot_2d.vp0, d_obs)
    slope = float(np.dot(gradient.ravel().astype(np.float64), dm.ravel()))
    values = np.array([solver.objective((1.0 / np.sqrt(m0 + h * dm)).astype(np.float32), d_obs)
                       for h in steps])
    first = np.abs(values - f0)
    second = np.abs(values - f0 - steps * slope)
    # Assert: first-order remainder O(h), second-order O(h^2)
    order_1 = np.polyfit(np.log(steps[4:]), np.log(first[4:]), 1)[0]
    order_2 = np.polyfit(np.log(steps[:4]), np.log(second[:4]), 1)[0]
    print(f"TTI Taylor test: first-order slope {order_1:.3f}, second-order slope {order_2:.3f}")
    assert order_1 == pytest.approx(1.0, abs=0.1)
    assert order_2 == pytest.approx(2.0, abs=0.1)


@pytest.mark.parametrize("isic", [False, True])
def test_tti_lsrtm_gradient_is_the_adjoint_born_of_the_born_residual(shot_2d, isic):
    # Arrange
    solver = _solver(shot_2d)
    dm = _bump(shot_2d.vp.shape, 0.02)
    d_obs = solver.born(shot_2d.vp0, 2 * dm, isic=isic)
    # Act
    value, gradient = solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs, isic=isic)
    residual = solver.born(shot_2d.vp0, dm, isic=isic) - d_obs
    image = solver.adjoint_born(shot_2d.vp0, residual, isic=isic)
    # Assert
    assert value == pytest.approx(0.5 * np.sum(residual.astype(np.float64) ** 2), rel=1e-5)
    np.testing.assert_allclose(gradient, image, rtol=0, atol=1e-6 * np.abs(image).max())
    born = solver.born(shot_2d.vp0, dm, isic=isic).astype(np.float64)
    assert solver.born_norm(shot_2d.vp0, dm, isic=isic) == pytest.approx(np.sum(born**2))
