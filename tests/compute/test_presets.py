"""Synthetic velocity presets and background smoothing, 2D and 3D."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.models.presets import (
    WATER_VELOCITY,
    Preset,
    bp_salt,
    camembert,
    layered,
    smooth,
)

SHAPES = [((201, 101), (10.0, 10.0)), ((41, 31, 51), (20.0, 20.0, 10.0))]


@pytest.mark.parametrize(("shape", "spacing"), SHAPES)
@pytest.mark.parametrize("build", [layered, camembert, bp_salt])
def test_presets_are_grid_shaped_float32_velocities(build, shape, spacing):
    preset = build(shape, spacing)
    assert isinstance(preset, Preset)
    assert preset.vp.shape == shape == preset.shape and preset.vp.dtype == np.float32
    assert np.isfinite(preset.vp).all() and 1.4 < preset.vp.min() <= preset.vp.max() < 5.0
    np.testing.assert_array_equal(np.asarray(preset), preset.vp)


@pytest.mark.parametrize(("shape", "spacing"), SHAPES)
def test_layered_velocity_jumps_exactly_at_its_interfaces(shape, spacing):
    preset = layered(shape, spacing)
    column = preset.vp.reshape(-1, shape[-1])[0]
    jumps = tuple(int(i) + 1 for i in np.flatnonzero(np.diff(column)))
    assert jumps == preset.interfaces_z_index and len(jumps) == 4
    assert column[0] == WATER_VELOCITY and np.all(np.diff(column) >= 0)
    assert np.all(preset.vp == column)  # laterally invariant


@pytest.mark.parametrize(("shape", "spacing"), SHAPES)
def test_camembert_anomaly_is_a_centred_disc_or_ball(shape, spacing):
    vp = camembert(shape, spacing, background=2.5, anomaly=3.0, radius_fraction=0.25).vp
    extent = [(n - 1) * h for n, h in zip(shape, spacing)]
    radius = 0.25 * min(extent)
    cell = np.prod(spacing)
    volume = np.pi * radius**2 if len(shape) == 2 else 4 / 3 * np.pi * radius**3
    assert set(np.unique(vp)) == {2.5, 3.0}
    assert np.sum(vp == 3.0) * cell == pytest.approx(volume, rel=0.1)
    assert vp[tuple(n // 2 for n in shape)] == 3.0 and vp[(0,) * len(shape)] == 2.5


@pytest.mark.parametrize(("shape", "spacing"), SHAPES)
def test_bp_salt_has_water_sediments_increasing_with_depth_and_salt(shape, spacing):
    preset = bp_salt(shape, spacing)
    vp = preset.vp.reshape(-1, shape[-1])
    (seabed,) = preset.interfaces_z_index
    sediments = np.where(vp[:, seabed:] < 4.5, vp[:, seabed:], np.nan)
    trend = np.polyfit(np.arange(sediments.shape[1]) * spacing[-1],
                       np.nanmedian(sediments, axis=0), 1)[0]
    assert np.all(vp[:, :seabed] == WATER_VELOCITY)
    assert 0.01 < np.mean(preset.vp == 4.5) < 0.4
    assert trend > 0.3e-3  # km/s per metre
    tops = np.argmax(vp == 4.5, axis=1)[np.any(vp == 4.5, axis=1)]
    assert np.std(np.diff(tops)) > 0.5  # a rugose top, not a smooth dome


@pytest.mark.parametrize(("shape", "spacing"), SHAPES)
def test_smooth_keeps_the_water_and_removes_sharp_contrasts(shape, spacing):
    vp = bp_salt(shape, spacing).vp
    background = smooth(vp, 100.0, spacing)
    water = vp == WATER_VELOCITY
    assert background.dtype == np.float32 and background.shape == shape
    np.testing.assert_array_equal(background[water], WATER_VELOCITY)
    jumps = np.abs(np.diff(vp, axis=-1))[~water[..., 1:]].max()
    smooth_jumps = np.abs(np.diff(background, axis=-1))[~water[..., 1:]].max()
    assert smooth_jumps < 0.3 * jumps
    assert vp[~water].min() - 1e-6 <= background[~water].min()
    assert background.max() <= vp.max() + 1e-6
