"""The diagonal preconditioners of a shot's gradient, on small known inputs."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.processing.precondition import (
    Preconditioning,
    WaterMute,
    depth_weights,
    illumination_weights,
    precondition,
    water_mask,
)

#: A 3 x 5 grid (x, z), 10 m in depth: water 1.5 km/s down to z = 20 m in columns 0 and 2,
#: 30 m in column 1.
VP = np.array([[1.5, 1.5, 2.0, 2.0, 2.5],
               [1.5, 1.5, 1.5, 2.0, 2.5],
               [1.5, 1.5, 2.0, 2.5, 2.5]], dtype=np.float32)


def test_the_water_mute_from_a_depth_zeroes_the_rows_above_it():
    mask = water_mask(VP, WaterMute(depth_m=15.0), dz=10.0)
    np.testing.assert_array_equal(mask, np.tile([0, 0, 1, 1, 1], (3, 1)))


def test_the_water_mute_from_the_model_follows_each_columns_water_bottom():
    mask = water_mask(VP, WaterMute(velocity_below_ms=1600.0), dz=10.0)
    np.testing.assert_array_equal(mask, [[0, 0, 1, 1, 1], [0, 0, 0, 1, 1], [0, 0, 1, 1, 1]])


def test_the_water_mute_from_the_model_keeps_slow_layers_below_the_water_bottom():
    vp = np.array([[1.5, 2.0, 1.8, 2.5]], dtype=np.float32)  # a slow layer at z = 20 m
    mask = water_mask(vp, WaterMute(velocity_below_ms=1900.0), dz=10.0)
    np.testing.assert_array_equal(mask, [[0, 1, 1, 1]])


def test_depth_scaling_is_depth_over_the_deepest_point_to_the_power():
    weights = depth_weights((2, 5), power=2.0, dz=10.0)
    np.testing.assert_allclose(weights, np.tile([0, 1 / 16, 1 / 4, 9 / 16, 1], (2, 1)))


def test_depth_scaling_counts_depth_from_the_grid_origin():
    weights = depth_weights((1, 3), power=1.0, dz=10.0, z0=10.0)
    np.testing.assert_allclose(weights, [[1 / 3, 2 / 3, 1]])


def test_illumination_compensation_divides_by_the_stabilised_illumination():
    illumination = np.array([[4.0, 1.0, 0.0]])
    weights = illumination_weights(illumination, epsilon=0.25)
    # 0.25 max I / (I + 0.25 max I) with max I = 4: at most 1, where nothing is lit
    np.testing.assert_allclose(weights, [[1 / 5, 1 / 2, 1]])


def test_an_unlit_shot_is_left_unchanged():
    np.testing.assert_array_equal(illumination_weights(np.zeros((2, 2)), 0.1), np.ones((2, 2)))


def test_every_preconditioner_multiplies_the_gradient():
    # Arrange
    gradient = np.ones_like(VP)
    illumination = np.full(VP.shape, 2.0)
    illumination[:, -1] = 1.0
    spec = Preconditioning(water_mute=WaterMute(depth_m=15.0), depth_power=1.0,
                           illumination_epsilon=1.0)
    # Act
    result = precondition(gradient, spec, vp=VP, dz=10.0, illumination=illumination)
    # Assert: mute (rows 0, 1) x z/40 x 2/(I + 2)
    expected = np.tile([0, 0, 0.5 * 0.5, 0.75 * 0.5, 1.0 * 2 / 3], (3, 1))
    np.testing.assert_allclose(result, expected, rtol=1e-6)
    assert result.dtype == np.float32
    np.testing.assert_array_equal(gradient, np.ones_like(VP))  # the input is not modified


def test_no_preconditioning_is_the_identity():
    gradient = np.arange(15, dtype=np.float32).reshape(3, 5)
    spec = Preconditioning()
    assert spec.is_identity and not spec.needs_illumination
    np.testing.assert_array_equal(precondition(gradient, spec, vp=VP, dz=10.0), gradient)


def test_illumination_compensation_without_an_illumination_is_refused():
    with pytest.raises(ValueError, match="without the shot's illumination"):
        precondition(np.ones_like(VP), Preconditioning(illumination_epsilon=0.1), vp=VP, dz=10.0)


def _parse(section):
    from seisless_compute.io.fields import Fields
    from seisless_compute.io.precondition_section import (
        PRECONDITIONING_FIELDS,
        parse_preconditioning,
    )

    return parse_preconditioning(Fields(section, "task.json", "preconditioning",
                                        allowed=PRECONDITIONING_FIELDS))


def test_the_task_files_section_is_parsed_with_every_part_optional():
    spec = _parse({"waterMute": {"fromModel": {"velocityBelowMS": 1600}},
                   "depthScaling": {"power": 1}, "illumination": {"epsilon": 0.01}})
    assert spec == Preconditioning(water_mute=WaterMute(velocity_below_ms=1600.0),
                                   depth_power=1.0, illumination_epsilon=0.01)
    assert _parse({"waterMute": {"depthM": 0}}) == Preconditioning(
        water_mute=WaterMute(depth_m=0.0))


@pytest.mark.parametrize(("section", "message"), [
    ({"waterMute": {}}, "depthM"),
    ({"waterMute": {"depthM": 10, "fromModel": {"velocityBelowMS": 1600}}}, "exactly one"),
    ({"depthScaling": {"power": -1}}, "a number from 0 to 4"),
    ({"illumination": {"epsilon": 0}}, r"a number in \(0, 1\]"),
    ({"illumination": {"eps": 0.1}}, "eps"),
])
def test_a_bad_section_is_refused_naming_the_field(section, message):
    from seisless_compute.errors import ValidationError

    with pytest.raises(ValidationError, match=message):
        _parse(section)
