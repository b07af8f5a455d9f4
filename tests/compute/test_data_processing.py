"""Data preprocessing (processing/data.py): mute, band-pass and window on known inputs, the
exact transpose of their composition, and the task file's ``preprocessing`` section."""

from __future__ import annotations

import json

import numpy as np
import pytest
from seisless_compute.errors import ValidationError
from seisless_compute.io.taskfile import Requirements, parse_task_file
from seisless_compute.processing.data import (
    Bandpass,
    DataMap,
    Preprocessing,
    TopMute,
    bandpass_gain,
    mute_weights,
)

DT_MS, NT = 2.0, 500
SOURCE = [500.0, 20.0]
RECEIVERS = [[500.0, 20.0], [1500.0, 20.0], [2500.0, 20.0]]


def _map(spec: Preprocessing) -> DataMap:
    return DataMap(spec, dt_ms=DT_MS, nt=NT, source=SOURCE, receivers=RECEIVERS)


def test_top_mute_zeroes_before_the_direct_arrival_and_passes_after_the_taper():
    mute = TopMute(velocity_ms=2000.0, shift_ms=10.0, taper_ms=20.0)
    times = np.arange(NT) * DT_MS
    weights = mute_weights(mute, times, np.array([0.0, 1000.0]))
    # 1000 m at 2 km/s: 500 ms, + 10 ms shift: zero up to 510 ms, one from 530 ms.
    assert np.all(weights[times <= 510.0, 1] == 0.0)
    assert np.all(weights[times >= 530.0, 1] == 1.0)
    assert weights[times == 520.0, 1] == pytest.approx(0.5)
    assert np.all(weights[times >= 30.0, 0] == 1.0)


def test_bandpass_gain_is_one_in_band_zero_outside_and_a_low_pass_keeps_zero_hertz():
    freqs = np.array([0.0, 3.0, 4.0, 5.0, 20.0, 30.0, 31.0, 32.0, 40.0])
    gain = bandpass_gain(Bandpass(5.0, 30.0, taper_hz=2.0), freqs)
    np.testing.assert_allclose(gain, [0, 0, 0.5, 1, 1, 1, 0.5, 0, 0], atol=1e-12)
    assert bandpass_gain(Bandpass(0.0, 30.0), np.array([0.0]))[0] == 1.0


def test_bandpass_removes_an_out_of_band_sinusoid_and_keeps_an_in_band_one():
    t = np.arange(NT) * DT_MS / 1000.0
    window = np.hanning(NT)  # no edge effects in the comparison
    in_band = (np.sin(2 * np.pi * 15.0 * t) * window)[:, None]
    out_band = (np.sin(2 * np.pi * 60.0 * t) * window)[:, None]
    band = _map(Preprocessing(bandpass=Bandpass(5.0, 30.0)))
    record = np.repeat(in_band + out_band, 3, axis=1)
    filtered = band.apply(record)
    np.testing.assert_allclose(filtered, np.repeat(in_band, 3, axis=1), atol=2e-3)


def test_time_window_keeps_only_its_samples():
    out = _map(Preprocessing(time_window_ms=(100.0, 200.0))).apply(np.ones((NT, 3), np.float32))
    times = np.arange(NT) * DT_MS
    inside = (times >= 100.0) & (times <= 200.0)
    assert np.all(out[inside] == 1.0) and np.all(out[~inside] == 0.0)


@pytest.mark.parametrize("spec", [
    Preprocessing(top_mute=TopMute(2000.0, 30.0, 40.0)),
    Preprocessing(bandpass=Bandpass(4.0, 25.0, 3.0)),
    Preprocessing(top_mute=TopMute(1500.0, 0.0, 20.0), bandpass=Bandpass(0.0, 30.0),
                  time_window_ms=(50.0, 800.0)),
])
def test_the_adjoint_is_the_exact_transpose(spec):
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((2, NT, 3))
    data_map = _map(spec)
    forward = np.sum(data_map.apply(x).astype(np.float64) * y)
    backward = np.sum(x * data_map.adjoint(y).astype(np.float64))
    assert forward == pytest.approx(backward, rel=1e-6)


def test_no_preprocessing_is_the_identity():
    record = np.random.default_rng(0).standard_normal((NT, 3)).astype(np.float32)
    assert Preprocessing().is_identity
    np.testing.assert_array_equal(_map(Preprocessing()).apply(record), record)


def _task(preprocessing) -> bytes:
    return json.dumps({
        "version": 1, "runId": "r", "task": "gradient", "algorithm": "lsrtm", "shots": [0],
        "grid": {"shape": [11, 11], "spacing": [10, 10]},
        "acquisition": {"sources": [[50, 10]], "receivers": [[10, 10]], "recordingTimeMs": 100,
                        "peakFrequencyHz": 10},
        "reduction": {"chunkSize": 100, "batchSize": 1},
        "inputs": {"velocity": "v.npy", "data": "d.npy"},
        "outputs": {"gradient": "g.npy", "timings": "t.json"},
        "preprocessing": preprocessing,
    }).encode()


NEEDS = Requirements(sections=("algorithm",), inputs=("velocity", "data"),
                     outputs=("gradient", "timings"))


def test_the_task_file_carries_the_preprocessing():
    spec = parse_task_file(_task({"topMute": {"velocityMS": 1500, "shiftMs": 40},
                                  "bandpass": {"lowHz": 3, "highHz": 30},
                                  "timeWindowMs": [0, 90]}), "t.json", task="gradient", needs=NEEDS)
    assert spec.preprocessing == Preprocessing(TopMute(1500.0, 40.0, 20.0), Bandpass(3.0, 30.0, 2.0),
                                               (0.0, 90.0))


def test_a_bad_band_names_the_field():
    with pytest.raises(ValidationError, match=r"preprocessing\.bandpass\.highHz"):
        parse_task_file(_task({"bandpass": {"lowHz": 30, "highHz": 3}}), "t.json",
                        task="gradient", needs=NEEDS)
