"""Per-shot geometry from a record: SEG-Y trace headers (segyio) and the ``.npy`` sidecar."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.errors import InputError
from seisless_compute.io.record_geometry import read_record_positions
from seisless_compute.io.segy import read_segy_geometry, read_segy_shot


def _field_shot(tmp_path, source_x_m: float, group_x_m: np.ndarray, *, coordinate_scalar: int,
                elevation_scalar: int, traces: np.ndarray) -> bytes:
    """A marine shot as field data carries it: coordinates in centimetres (scalar -100),
    depths in decimetres (scalar -10), source 6 m deep, groups 8 m below sea level."""
    import segyio

    field = segyio.TraceField
    to_int = lambda metres, scalar: round(metres * (-scalar if scalar < 0 else 1 / scalar))
    spec = segyio.spec()
    spec.format, spec.samples, spec.tracecount = 5, list(range(traces.shape[1])), len(traces)
    path = tmp_path / "shot.sgy"
    with segyio.create(str(path), spec) as segy:
        segy.bin.update(hdt=4000)
        for index, trace in enumerate(traces):
            segy.header[index] = {
                field.TRACE_SAMPLE_INTERVAL: 4000, field.FieldRecord: 1001,
                field.SourceGroupScalar: coordinate_scalar,
                field.ElevationScalar: elevation_scalar,
                field.SourceX: to_int(source_x_m, coordinate_scalar),
                field.GroupX: to_int(float(group_x_m[index]), coordinate_scalar),
                field.SourceDepth: to_int(6.0, elevation_scalar),
                field.ReceiverGroupElevation: to_int(-8.0, elevation_scalar),
            }
            segy.trace[index] = trace
    return path.read_bytes()


def test_segy_geometry_round_trips_per_trace_coordinates_with_their_scalars(tmp_path):
    # Arrange: 24 groups every 12.5 m behind a source at 1234.56 m
    group_x = 1234.56 - 100.0 - 12.5 * np.arange(24)
    traces = np.random.default_rng(14).standard_normal((24, 101)).astype(np.float32)
    body = _field_shot(tmp_path, 1234.56, group_x, coordinate_scalar=-100, elevation_scalar=-10,
                       traces=traces)
    # Act
    geometry = read_segy_geometry(body, "shot.sgy")
    data, dt_ms = read_segy_shot(body, "shot.sgy")
    # Assert: positions in metres, depths positive down, one receiver per trace
    np.testing.assert_allclose(geometry.source, [1234.56, 6.0], atol=1e-9)
    np.testing.assert_allclose(geometry.receivers[:, 0], group_x, atol=5e-3)
    np.testing.assert_allclose(geometry.receivers[:, 1], 8.0)
    assert data.shape == (101, 24) and dt_ms == 4.0
    np.testing.assert_array_equal(data, traces.T)


def test_a_positive_scalar_multiplies_the_coordinates(tmp_path):
    body = _field_shot(tmp_path, 5000.0, np.array([4000.0, 4500.0]), coordinate_scalar=10,
                       elevation_scalar=1, traces=np.zeros((2, 11), np.float32))
    geometry = read_segy_geometry(body, "shot.sgy")
    np.testing.assert_allclose(geometry.receivers[:, 0], [4000.0, 4500.0])
    np.testing.assert_allclose(geometry.source, [5000.0, 6.0])


def test_a_file_of_several_shots_is_refused_naming_it(tmp_path):
    import segyio

    body = _field_shot(tmp_path, 1000.0, np.array([900.0, 950.0]), coordinate_scalar=1,
                       elevation_scalar=1, traces=np.zeros((2, 11), np.float32))
    path = tmp_path / "two.sgy"
    path.write_bytes(body)
    with segyio.open(str(path), "r+", ignore_geometry=True) as segy:
        segy.header[1] = {segyio.TraceField.SourceX: 2000}
    with pytest.raises(InputError, match=r"^two\.sgy: traces with different source positions"):
        read_segy_geometry(path.read_bytes(), "two.sgy")


def test_the_npy_sidecar_carries_the_shots_own_receivers(cloud):
    # Arrange: a record and the sidecar the observe task writes
    cloud.put_npy("runs/g/data/shot-3.npy", np.zeros((11, 2), np.float32))
    cloud.put_json("runs/g/data/shot-3.json", {"dtMs": 4.0, "nt": 11, "source": [700.0, 10.0],
                                               "receivers": [[100.0, 20.0], [200.0, 20.0]]})
    store = cloud.store()
    # Act
    positions = read_record_positions(store, "runs/g/data/shot-3.npy", 2)
    # Assert
    np.testing.assert_array_equal(positions.source, [700.0, 10.0])
    np.testing.assert_array_equal(positions.receivers, [[100.0, 20.0], [200.0, 20.0]])


def test_a_sidecar_without_receivers_names_the_field(cloud):
    cloud.put_json("runs/g/data/shot-4.json", {"dtMs": 4.0, "source": [700.0, 10.0]})
    store = cloud.store()
    with pytest.raises(InputError, match=r"shot-4\.json:receivers: missing or malformed"):
        read_record_positions(store, "runs/g/data/shot-4.npy", 2)
