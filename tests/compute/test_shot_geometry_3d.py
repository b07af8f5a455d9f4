"""3D acquisition in the compute: limited offset (receivers within a radius of each source) and
per-shot model windows in x and y."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.errors import ValidationError
from seisless_compute.io.sections import AcquisitionSpec, GridSpec
from seisless_compute.tasks.aperture import WINDOW_MULTIPLE, shot_frame
from seisless_compute.tasks.shot_geometry import shot_positions

GRID = GridSpec((201, 161, 41), (10.0, 10.0, 10.0), (0.0, 0.0, 0.0))
AREAL = tuple((float(x), float(y), 10.0) for y in range(0, 1601, 100) for x in range(0, 2001, 100))


def _acquisition(**fields) -> AcquisitionSpec:
    return AcquisitionSpec(sources=((1000.0, 800.0, 10.0), (0.0, 0.0, 10.0)), receivers=AREAL,
                           recording_time_ms=500.0, peak_frequency_hz=10.0, sampling_ms=None,
                           **fields)


def test_limited_offset_keeps_the_receivers_within_the_radius_in_x_and_y():
    positions = shot_positions(_acquisition(max_offset_m=250.0), GRID, 0)

    lateral = positions.receivers[:, :2] - [1000.0, 800.0]
    distance = np.hypot(*lateral.T)
    assert distance.max() <= 250.0
    # Every receiver of the areal grid within 250 m is kept: the 5 x 5 minus the 4 corners,
    # minus the 8 more at (200, 200)-like distances of 283 m: 21 receivers.
    expected = sum(np.hypot(x - 1000.0, y - 800.0) <= 250.0 for x, y, _ in AREAL)
    assert len(positions.receivers) == expected == 21


def test_limited_offset_that_reaches_no_receiver_is_refused():
    acquisition = _acquisition(max_offset_m=20.0)
    acquisition = AcquisitionSpec(**{**acquisition.__dict__, "sources": ((1050.0, 850.0, 10.0),)})
    with pytest.raises(ValidationError, match="maxOffsetM"):
        shot_positions(acquisition, GRID, 0)


def test_a_shots_3d_window_spans_its_receivers_plus_the_aperture_in_x_and_y():
    positions = shot_positions(_acquisition(max_offset_m=250.0), GRID, 0)
    frame = shot_frame(GRID, positions, 100.0)

    nx, ny, nz = frame.grid.shape
    assert nz == GRID.shape[2] and nx % WINDOW_MULTIPLE == 0 and ny % WINDOW_MULTIPLE == 0
    # The window covers source and receivers plus 100 m on each side along x and y.
    for axis in (0, 1):
        low = frame.start[axis] * GRID.spacing[axis]
        high = low + (frame.grid.shape[axis] - 1) * GRID.spacing[axis]
        points = np.vstack([positions.source[None], positions.receivers])[:, axis]
        assert low <= points.min() - 100.0 and points.max() + 100.0 <= high
    # Positions move into the window's frame; crop and embed are inverse on the window.
    np.testing.assert_allclose(frame.positions.source + [frame.start[0] * 10.0,
                                                         frame.start[1] * 10.0, 0.0],
                               positions.source)
    field = np.random.default_rng(0).standard_normal(GRID.shape).astype(np.float32)
    window = frame.crop(field)
    assert window.shape == frame.grid.shape
    np.testing.assert_array_equal(frame.crop(frame.embed(window)), window)
    assert frame.embed(window)[0, 0, 0] == 0.0  # outside the window: zero


def test_without_limited_offset_an_areal_grid_keeps_every_receiver():
    positions = shot_positions(_acquisition(), GRID, 1)
    assert len(positions.receivers) == len(AREAL)
