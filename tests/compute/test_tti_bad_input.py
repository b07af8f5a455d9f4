"""Bad TTI inputs are refused with one line naming the parameter, before anything is compiled
or written."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.errors import InputError
from seisless_compute.solvers import Anisotropy, Grid, ShotGeometry, TTISolver

_SHAPE = (21, 11)


def _geometry() -> ShotGeometry:
    return ShotGeometry(np.array([100.0, 20.0]), np.array([[50.0, 20.0], [150.0, 20.0]]),
                        recording_time_ms=100.0, peak_frequency_hz=10.0)


def _parameters(**changes) -> dict:
    zeros = np.zeros(_SHAPE, np.float32)
    return {"epsilon": zeros + 0.2, "delta": zeros + 0.1, "theta": zeros + 0.3, **changes}


@pytest.mark.parametrize(("changes", "subject", "received"), [
    ({"epsilon": np.zeros((21, 12))}, "epsilon", "shape (21, 12)"),
    ({"delta": np.full(_SHAPE, 0.3)}, "epsilon", "below delta at 231 points"),
    ({"theta": np.where(np.eye(21, 11) > 0, np.nan, 0.3)}, "theta", "11 NaN or infinite"),
    ({"theta": np.full(_SHAPE, 30.0)}, "theta", "max |angle| 30"),
    ({"epsilon": np.full(_SHAPE, 2.0), "delta": np.full(_SHAPE, 1.5)}, "epsilon",
     "values in [2, 2]"),
    ({"phi": np.zeros(_SHAPE)}, "phi", "an azimuth on a 2D grid"),
])
def test_bad_tti_parameters_are_refused_naming_the_parameter(tmp_path, changes, subject,
                                                               received):
    # Arrange
    anisotropy = Anisotropy(**_parameters(**changes))
    grid = Grid(_SHAPE, (10.0, 10.0), (0.0, 0.0))
    cache = tmp_path / "cache"
    # Act
    with pytest.raises(InputError) as caught:
        TTISolver(grid, _geometry(), anisotropy=anisotropy, cache_dir=cache)
    # Assert: one line, the parameter first; nothing compiled or written
    message = caught.value.line()
    print(message)
    assert "\n" not in message
    assert caught.value.subject == subject and received in caught.value.received
    assert not cache.exists()


def test_an_epsilon_above_the_runs_epsilon_max_is_refused(tmp_path):
    grid = Grid(_SHAPE, (10.0, 10.0), (0.0, 0.0))
    with pytest.raises(InputError, match="epsilon: max 0.2; expected <= epsilon_max 0.1"):
        TTISolver(grid, _geometry(), anisotropy=Anisotropy(**_parameters()), epsilon_max=0.1,
                  cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_nan_velocity_is_refused_before_any_run(tmp_path):
    # Arrange
    zeros = np.zeros(_SHAPE, np.float32)
    solver = TTISolver(Grid(_SHAPE, (10.0, 10.0), (0.0, 0.0)), _geometry(),
                       anisotropy=Anisotropy(zeros, zeros, zeros), cache_dir=tmp_path / "c")
    vp = np.full(_SHAPE, 2.0, np.float32)
    vp[3, 4] = np.nan
    # Act / Assert
    with pytest.raises(InputError, match="vp"):
        solver.forward(vp)
    assert not (tmp_path / "c").exists()
