"""The operator compile cache: a job whose operators were compiled before compiles nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry, compiled
from seisless_compute.solvers.operator_kind import OperatorKind

_GRID = Grid((41, 41), (10.0, 10.0), (0.0, 0.0))
_GEOMETRY = ShotGeometry(np.array([200.0, 20.0]), np.array([[100.0, 20.0], [300.0, 20.0]]),
                         recording_time_ms=200.0, peak_frequency_hz=15.0)
_VP = np.full((41, 41), 2.0, dtype=np.float32)


_FORWARD = OperatorKind("forward")


def _key(solver: AcousticSolver, kind: OperatorKind) -> dict:
    return solver._engine.operators.key(kind)


def _solver(cache_dir, **options):
    """A solver using Devito's pickled operators (``host_kernels`` off unless asked for)."""
    options = {"host_kernels": False, **options}
    return AcousticSolver(_GRID, _GEOMETRY, nbl=10, cache_dir=cache_dir, **options)


def _forbid_compilation(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("an operator was lowered/compiled instead of loaded from cache")

    monkeypatch.setattr(compiled, "_build", fail)


def test_second_solver_loads_operators_from_the_cache(tmp_path, monkeypatch):
    # Arrange: a first solver compiles and stores the forward operator
    first = _solver(tmp_path)
    expected, _ = first.forward(_VP)
    _forbid_compilation(monkeypatch)
    # Act
    second = _solver(tmp_path)
    record, _ = second.forward(_VP)
    # Assert
    assert not first.timings.compile_cached and second.timings.compile_cached
    assert second.timings.compile_s < first.timings.compile_s
    np.testing.assert_array_equal(record, expected)
    assert [p.name.split("-")[0] for p in tmp_path.iterdir() if p.is_file()] == ["forward"]


def test_host_kernels_are_captured_once_then_loaded_without_devitos_cache(tmp_path, monkeypatch):
    # Arrange: a first solver compiles the forward operator and captures its manifest
    first = _solver(tmp_path, host_kernels=True)
    expected, _ = first.forward(_VP)
    (manifest,) = (tmp_path / "host").glob("forward-*.json")
    _forbid_compilation(monkeypatch)
    monkeypatch.setattr(compiled.OperatorSet, "_devito",
                        lambda *a: pytest.fail("Devito's cache was consulted"))
    # Act
    second = _solver(tmp_path, host_kernels=True)
    record, _ = second.forward(_VP)
    # Assert
    assert first.timings.compile_sources == {"compiled": 1}
    assert second.timings.compile_sources == {"disk": 1} and second.timings.compile_cached
    np.testing.assert_array_equal(record, expected)
    assert manifest.with_suffix(".so").stat().st_size > 1000


def test_an_unreadable_manifest_is_captured_again(tmp_path):
    # Arrange
    expected, _ = _solver(tmp_path, host_kernels=True).forward(_VP)
    (manifest,) = (tmp_path / "host").glob("forward-*.json")
    manifest.write_text("{not json")
    # Act: the pickle is loaded with Devito and the manifest captured again
    second = _solver(tmp_path, host_kernels=True)
    record, _ = second.forward(_VP)
    # Assert
    assert second.timings.compile_sources == {"disk": 1}
    assert json.loads(manifest.read_text())["function"] == "forward"
    np.testing.assert_array_equal(record, expected)
    assert not list((tmp_path / "host").glob(".tmp-*"))


def test_a_cache_where_kernels_cannot_be_kept_still_runs_them(tmp_path):
    # Arrange: "host" is a file, so the kernels' directory cannot be created (as a full or
    # read-only cache would refuse; tests run as root, which ignores permissions)
    expected, _ = _solver(tmp_path).forward(_VP)
    (tmp_path / "host").write_text("not a directory")
    # Act
    with pytest.warns(UserWarning, match="kernel not kept"):
        record, _ = _solver(tmp_path, host_kernels=True).forward(_VP)
    # Assert
    np.testing.assert_array_equal(record, expected)


def test_a_new_process_runs_cached_operators_without_compiling(tmp_path):
    # Arrange: compile in this process; a new job (process) uses the same cache directory
    expected, _ = _solver(tmp_path).forward(_VP)
    np.save(tmp_path / "expected.npy", expected)
    job = textwrap.dedent(f"""
        import numpy as np
        import seisless_compute.solvers.compiled as compiled
        from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry
        compiled._build = None  # any compilation would fail
        solver = AcousticSolver(Grid({_GRID.shape}, {_GRID.spacing}, {_GRID.origin}),
                                ShotGeometry(np.array([200.0, 20.0]),
                                             np.array([[100.0, 20.0], [300.0, 20.0]]),
                                             recording_time_ms=200.0, peak_frequency_hz=15.0),
                                nbl=10, cache_dir={str(tmp_path)!r})
        record, _ = solver.forward(np.full((41, 41), 2.0, dtype=np.float32))
        assert solver.timings.compile_cached
        np.testing.assert_array_equal(record, np.load({str(tmp_path / "expected.npy")!r}))
    """)
    # Act
    result = subprocess.run([sys.executable, "-c", job], check=False, capture_output=True,
                            text=True, env={**os.environ, "OMP_NUM_THREADS": "1"}, timeout=300)
    # Assert
    assert result.returncode == 0, result.stderr


def test_an_unreadable_cache_entry_is_rebuilt(tmp_path):
    # Arrange
    first = _solver(tmp_path)
    expected, _ = first.forward(_VP)
    (entry,) = tmp_path.glob("forward-*.pkl")
    entry.write_bytes(b"not a pickle")
    # Act
    second = _solver(tmp_path)
    record, _ = second.forward(_VP)
    # Assert
    assert not second.timings.compile_cached
    np.testing.assert_array_equal(record, expected)
    assert entry.stat().st_size > 1000
    assert not list(tmp_path.glob(".tmp-*")), "temporary files must be renamed or removed"


@pytest.mark.parametrize("change", [{"space_order": 4}, {"nbl": 12}, {"grid": "spacing"},
                                    {"geometry": "nrec"}])
def test_anything_that_changes_the_code_changes_the_cache_key(tmp_path, change):
    # Arrange
    options = {"nbl": 10, "cache_dir": tmp_path}
    grid, geometry = _GRID, _GEOMETRY
    if change == {"grid": "spacing"}:
        grid = Grid(_GRID.shape, (12.0, 10.0), _GRID.origin)
    elif change == {"geometry": "nrec"}:
        geometry = ShotGeometry(_GEOMETRY.source, _GEOMETRY.receivers[:1],
                                recording_time_ms=200.0, peak_frequency_hz=15.0)
    else:
        options.update(change)
    # Act
    base = _key(AcousticSolver(_GRID, _GEOMETRY, nbl=10, cache_dir=tmp_path), _FORWARD)
    other = _key(AcousticSolver(grid, geometry, **options), _FORWARD)
    # Assert
    assert base != other
    assert not list(tmp_path.iterdir()), "keys are pure: nothing is compiled"


def test_kinds_and_isic_have_distinct_keys(tmp_path):
    operators = _solver(tmp_path)._engine.operators
    paths = {operators._cache.path(operators.key(kind)) for kind in OperatorKind.every()}
    assert len(paths) == len(OperatorKind.every()) == 30
