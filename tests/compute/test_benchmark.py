"""The benchmark's measurements run on small grids and give finite, positive figures."""

from __future__ import annotations

import math

from seisless_compute.solvers import measure_forward_gpts, measure_triad_gbps


def test_the_triad_and_the_3d_kernel_measure_positive_rates():
    # Act: tiny sizes (in cache), so only the plumbing and the result check are exercised
    bandwidth = measure_triad_gbps((32, 32, 32), repeats=2)
    gpts = measure_forward_gpts((24, 24, 24), nt=8, repeats=1)

    # Assert
    assert math.isfinite(bandwidth) and bandwidth > 0
    assert math.isfinite(gpts) and gpts > 0
