"""The TTI parameters smoothed with the background velocity (``models/background_anisotropy.py``):
the water kept, epsilon >= delta kept, the symmetry axis smoothed as a direction; and the model job
writes them when its task file asks."""

from __future__ import annotations

import numpy as np
from seisless_compute.models import presets
from seisless_compute.models.background_anisotropy import smooth_anisotropy

SPACING = (10.0, 10.0)


def _layered(shape=(60, 50)):
    values = presets.build("layered-tti", shape, SPACING)
    return np.asarray(values), {n: getattr(values, n) for n in ("epsilon", "delta", "theta")}


def test_water_is_kept_and_interfaces_are_smoothed_within_the_layers_range():
    vp, sharp = _layered()
    smooth = smooth_anisotropy(sharp, vp, sigma_m=50.0, spacing=SPACING)
    water = presets.water_mask(vp)
    for name, value in smooth.items():
        assert value.dtype == np.float32 and value.shape == vp.shape
        np.testing.assert_array_equal(value[water], sharp[name][water])
        below = sharp[name][~water]
        assert below.min() - 1e-5 <= value[~water].min() and value[~water].max() <= below.max() + 1e-5
    column = smooth["epsilon"][30]
    steps = np.abs(np.diff(column[~water[30]]))
    sharp_steps = np.abs(np.diff(sharp["epsilon"][30][~water[30]]))
    print(f"largest step of epsilon down a column: sharp {sharp_steps.max():.3f}, "
          f"smoothed {steps.max():.4f}")
    assert steps.max() < sharp_steps.max() / 4  # an interface spread over ~5 sigma


def test_epsilon_stays_at_least_delta_where_the_two_are_equal_or_apart():
    vp = np.full((40, 40), 2.5, np.float32)
    rng = np.random.default_rng(3)
    delta = rng.uniform(0.0, 0.2, vp.shape).astype(np.float32)
    epsilon = delta + np.where(rng.random(vp.shape) < 0.5, 0.0, 0.1).astype(np.float32)
    smooth = smooth_anisotropy({"epsilon": epsilon, "delta": delta, "theta": 0 * delta}, vp,
                               sigma_m=30.0, spacing=SPACING)
    assert (smooth["epsilon"] >= smooth["delta"]).all()


def test_the_axis_is_smoothed_as_a_direction_across_the_azimuth_wrap():
    shape = (20, 20, 20)
    vp = np.full(shape, 2.5, np.float32)
    phi = np.where(np.arange(20)[:, None, None] < 10, 179.0, -179.0) * np.ones(shape)
    values = {"epsilon": np.full(shape, 0.1), "delta": np.zeros(shape),
              "theta": np.full(shape, 30.0), "phi": phi}
    smooth = smooth_anisotropy(values, vp, sigma_m=40.0, spacing=(10.0, 10.0, 10.0))
    # 179 beside -179 is one direction: the smoothed azimuth stays near +-180, not near 0.
    assert np.abs(np.abs(smooth["phi"]) - 180.0).max() < 1.5
    np.testing.assert_allclose(smooth["theta"], 30.0, atol=0.05)


def test_a_2d_tilt_keeps_its_sign_and_a_uniform_model_is_unchanged():
    vp = np.full((30, 30), 2.0, np.float32)
    values = {"epsilon": np.full(vp.shape, 0.2), "delta": np.full(vp.shape, 0.1),
              "theta": np.full(vp.shape, -25.0)}
    smooth = smooth_anisotropy(values, vp, sigma_m=50.0, spacing=SPACING)
    for name, value in values.items():
        np.testing.assert_allclose(smooth[name], value, atol=1e-5)


def test_the_model_job_writes_the_smoothed_parameters_when_asked(make_cloud, edge_task_file):
    run, shape = "runs/bg", (61, 41)
    outputs = {name: f"{run}/inputs/{name}.npy" for name in ("model", "background", "epsilon",
                                                             "delta", "theta")}
    outputs |= {"backgroundEpsilon": f"{run}/inputs/background-epsilon.npy",
                "backgroundDelta": f"{run}/inputs/background-delta.npy",
                "backgroundTheta": f"{run}/inputs/background-theta.npy",
                "timings": f"{run}/timings/model.json"}
    cloud = make_cloud()
    task = edge_task_file("model", iteration=0, shots=[], physics={"kind": "tti"},
                          model={"preset": "layered-tti", "shape": list(shape),
                                 "spacing": [10, 10], "smoothingM": 60},
                          outputs=outputs)
    done = cloud.run("model", cloud.put_json(f"{run}/tasks/model-0.json", task))
    assert done.returncode == 0, done.stderr
    vp = cloud.get_npy(outputs["model"])
    sharp = {n: cloud.get_npy(outputs[n]) for n in ("epsilon", "delta", "theta")}
    expected = smooth_anisotropy(sharp, vp, sigma_m=60.0, spacing=SPACING)
    for name in ("epsilon", "delta", "theta"):
        written = cloud.get_npy(f"{run}/inputs/background-{name}.npy")
        np.testing.assert_array_equal(written, expected[name])
        assert not np.array_equal(written, sharp[name])
