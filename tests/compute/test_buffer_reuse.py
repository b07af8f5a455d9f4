"""Buffers allocated zero are not zeroed again, and buffers reused between calls are: a solver's
second call gives, bit for bit, what a fresh solver's first call gives."""

from __future__ import annotations

import numpy as np
import pytest
from devito import Grid, TimeFunction
from seisless_compute.solvers.hugepages import advise_huge_pages, allocate_zero


@pytest.mark.parametrize("subsampling", [1, 3])
def test_a_reused_solver_gives_the_gradients_of_a_fresh_one(shot_2d, subsampling):
    d_obs, _ = shot_2d.solver().forward(shot_2d.vp)
    dm = (shot_2d.vp0 - shot_2d.vp) * 1e-2

    def gradients(solver):
        return (solver.lsrtm_gradient(shot_2d.vp0, dm, d_obs),
                solver.fwi_gradient(shot_2d.vp0, d_obs),
                (solver.born_norm(shot_2d.vp0, dm), solver.illumination))

    reused = shot_2d.solver(wavefield_subsampling=subsampling, illumination=True)
    gradients(reused)  # every buffer now holds the values of a run
    again = gradients(reused)
    fresh = [gradients(shot_2d.solver(wavefield_subsampling=subsampling, illumination=True))[k]
             for k in range(3)]

    for (a, b), (c, e) in zip(again, fresh):
        assert np.array_equal(a, c)
        assert np.array_equal(b, e)


def test_a_fresh_history_is_zero_and_only_a_used_one_is_zeroed(shot_2d):
    solver = shot_2d.solver()
    solver.lsrtm_gradient(shot_2d.vp0, np.zeros_like(shot_2d.vp0),
                          solver.forward(shot_2d.vp)[0])
    buffers = solver._engine.buffers
    saved = buffers.saved
    assert np.any(saved.data)  # holds the last run's history

    buffers.reset(saved)

    assert not np.any(saved.data_with_halo)


@pytest.mark.parametrize("allocate", [advise_huge_pages,
                                      lambda f: allocate_zero(f, huge_pages=False)])
def test_a_large_function_is_allocated_zero_with_its_halo(allocate):
    # 120 x 216 x 216 float32 with the halo: ~21 MiB, above MIN_BYTES
    f = TimeFunction(name="history", grid=Grid(shape=(200, 200)), space_order=8, save=120)

    allocate(f)

    assert f._data is not None
    assert not np.any(f.data_with_halo)
    f.data[:] = 3.0
    assert float(f.data.min()) == 3.0

