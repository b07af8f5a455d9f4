"""The record transforms' tables kept between processes: one ``.npy`` per table, mapped, rebuilt
when a kept file cannot serve."""

from __future__ import annotations

import numpy as np
import pytest
from seisless_compute.operators.time_dispersion import time_dispersion

AXIS = (2.0, 200, 10.0)  # dt ms, nt, peak Hz


def _records(seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((AXIS[1], 3))


def _transforms(transform) -> tuple[np.ndarray, np.ndarray]:
    records = _records()
    return transform.records(records), transform.records_adjoint(records)


def test_each_table_is_kept_as_one_float64_npy_file(tmp_path):
    # Act
    time_dispersion(*AXIS, tables=tmp_path).records(_records())
    # Assert: the cos/sin table of K frequencies at ceil(nt / 2) offsets, nothing else
    kept = sorted(tmp_path.iterdir())
    assert [p.name.split("-")[0] for p in kept] == ["dft", "warp"]
    assert all(p.suffix == ".npy" for p in kept)
    first, second = (np.load(p, allow_pickle=False) for p in kept)
    assert first.dtype == second.dtype == np.float64
    assert first.shape == second.shape and first.shape[1] == (AXIS[1] + 1) // 2


def test_mapped_tables_give_the_built_transforms_bit_for_bit(tmp_path):
    # Arrange
    expected = _transforms(time_dispersion(*AXIS))
    _transforms(time_dispersion(*AXIS, tables=tmp_path))
    # Act: a later job, reading what the first kept
    again = _transforms(time_dispersion(*AXIS, tables=tmp_path))
    # Assert
    np.testing.assert_array_equal(again[0], expected[0])
    np.testing.assert_array_equal(again[1], expected[1])


@pytest.mark.parametrize("damage", ["truncated", "empty", "float32", "other shape"])
def test_a_kept_file_that_cannot_serve_is_built_again(tmp_path, damage):
    # Arrange
    expected = _transforms(time_dispersion(*AXIS))
    _transforms(time_dispersion(*AXIS, tables=tmp_path))
    for path in tmp_path.iterdir():
        table = np.load(path)
        if damage == "truncated":
            path.write_bytes(path.read_bytes()[:-1000])
        elif damage == "empty":
            path.write_bytes(b"")
        elif damage == "float32":
            np.save(path, table.astype(np.float32))
        else:
            np.save(path, table[:, :-1])
    # Act
    again = _transforms(time_dispersion(*AXIS, tables=tmp_path))
    # Assert
    np.testing.assert_array_equal(again[0], expected[0])
    np.testing.assert_array_equal(again[1], expected[1])


def test_a_cache_that_refuses_the_tables_is_not_an_error(tmp_path):
    # Arrange: "tables" is a file, so no directory can be made there
    refusing = tmp_path / "tables"
    refusing.write_bytes(b"")
    expected = _transforms(time_dispersion(*AXIS))
    # Act
    got = _transforms(time_dispersion(*AXIS, tables=refusing))
    # Assert
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])
    assert refusing.read_bytes() == b""
