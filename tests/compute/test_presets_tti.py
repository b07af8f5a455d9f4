"""The TTI presets: shapes at any size, parameter ranges, epsilon >= delta, angles in degrees."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.errors import ValidationError
from seisless_compute.io.anisotropy import RANGES, check_anisotropy
from seisless_compute.models import presets
from seisless_compute.models.tti_presets import (
    OVERTHRUST_EPSILON_MAX,
    OVERTHRUST_VP_RANGE,
)


@pytest.mark.parametrize("shape", [(61, 41), (21, 17, 13)])
def test_layered_tti_has_flat_layers_of_tilted_anisotropy_in_2d_and_3d(shape):
    preset = presets.build("layered-tti", shape, (10.0,) * len(shape))

    names = {"epsilon", "delta", "theta"} | ({"phi"} if len(shape) == 3 else set())
    assert set(preset.anisotropy()) == names
    assert preset.vp.shape == shape and all(v.shape == shape for v in preset.anisotropy().values())
    assert np.all(preset.epsilon >= preset.delta)
    # Water on top is isotropic; below, every layer is anisotropic and tilted.
    assert preset.epsilon[..., 0].max() == 0 and preset.theta[..., 0].max() == 0
    assert np.abs(preset.theta[..., -1]).min() > 0 and preset.epsilon[..., -1].min() > 0
    # Same vp and interfaces as the isotropic layered preset.
    np.testing.assert_array_equal(preset.vp, presets.layered(shape, (10.0,) * len(shape)).vp)
    for top in preset.interfaces_z_index:
        assert preset.epsilon[(0,) * (len(shape) - 1) + (top - 1,)] != preset.epsilon[
            (0,) * (len(shape) - 1) + (top,)]


@pytest.mark.parametrize(("shape", "spacing"), [((41, 31, 27), (25.0, 25.0, 25.0)),
                                                ((80, 20, 40), (12.5, 50.0, 10.0))])
def test_overthrust_is_a_3d_tti_model_within_range_at_any_shape(shape, spacing):
    preset = presets.build("overthrust", shape, spacing)

    values = preset.anisotropy()
    assert set(values) == {"epsilon", "delta", "theta", "phi"}
    assert preset.vp.shape == shape and preset.vp.dtype == np.float32
    low, high = OVERTHRUST_VP_RANGE
    assert low <= preset.vp.min() and preset.vp.max() <= high
    assert preset.epsilon.max() <= OVERTHRUST_EPSILON_MAX
    check_anisotropy(values, shape, {n: n for n in values})  # ranges, finite, eps >= delta
    for name, value in values.items():
        assert RANGES[name][0] <= value.min() and value.max() <= RANGES[name][1], name
    # Folded layers: the symmetry axis tilts (degrees) and its azimuth varies.
    assert preset.theta.max() > 10 and np.ptp(preset.phi) > 90
    # Deeper is faster on average (compaction), and the basement is the fastest rock.
    assert preset.vp[..., -1].mean() > preset.vp[..., 0].mean() + 1.5


def test_overthrust_is_thrust_faulted_the_hanging_wall_repeats_layers():
    preset = presets.build("overthrust", (101, 11, 60), (25.0, 25.0, 25.0))

    # Each layer has its own (epsilon, delta). Folding alone keeps the layers in order down a
    # column; a column through a thrust's hanging wall and footwall meets a layer twice.
    layer_id = np.round(preset.epsilon * 1e4) * 1e4 + np.round(preset.delta * 1e4)
    repeated = 0
    for column in layer_id[:, 5, :]:
        runs = column[np.r_[True, np.diff(column) != 0]]
        repeated += len(runs) > len(set(runs.tolist()))
    print(f"columns with a repeated layer: {repeated} of {layer_id.shape[0]}")
    assert repeated > 10


def test_overthrust_refuses_a_2d_grid():
    with pytest.raises(ValidationError, match="overthrust is 3D only"):
        presets.build("overthrust", (41, 31), (10.0, 10.0))


def test_the_preset_figures_match_the_preflights_constants():
    # packages/core/src/preflight/presetVelocities.ts: layered-tti eps max 0.25, vp 1.5-3.5.
    preset = presets.build("layered-tti", (41, 41), (10.0, 10.0))
    assert float(preset.epsilon.max()) == pytest.approx(0.25)
    assert (float(preset.vp.min()), float(preset.vp.max())) == (1.5, 3.5)
