"""The compile target: operators are keyed by the instruction set they are compiled for, and
never compiled for one this CPU lacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from seisless_compute.solvers import target as target_module
from seisless_compute.solvers.target import CompileTarget, compile_target, isa_of

_KEY_AND_BINARY = textwrap.dedent("""
    import json, subprocess, numpy as np
    from seisless_compute.solvers import AcousticSolver, Grid, ShotGeometry
    from seisless_compute.solvers.operator_kind import OperatorKind
    solver = AcousticSolver(Grid((21, 21), (10.0, 10.0), (0.0, 0.0)),
                            ShotGeometry(np.array([100.0, 20.0]), np.array([[50.0, 20.0]]),
                                         recording_time_ms=50.0, peak_frequency_hz=15.0),
                            nbl=10, cache_dir={cache!r}, host_kernels=False)
    solver.forward(np.full((21, 21), 2.0, np.float32))
    forward = OperatorKind("forward")
    op = solver._engine.operators.get(forward)
    binary = op._compiler.get_jit_dir() / (op._soname + ".so")
    disassembly = subprocess.run(["objdump", "-d", str(binary)], capture_output=True,
                                 text=True, check=True).stdout
    key = solver._engine.operators.key(forward)
    print(json.dumps({{"target": key["target"], "cflags": key["cflags"], "isa": key["isa"],
                      "binary": str(binary),
                      "zmm": "%zmm" in disassembly, "ymm": "%ymm" in disassembly}}))
""")


def _job(tmp_path, name: str, jit_dir: str | None = None, **env: str) -> dict:
    """Compile a forward operator in a new process with ``env``; its key and what it uses."""
    jit = tmp_path / f"jit-{jit_dir or name}"
    jit.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", _KEY_AND_BINARY.format(cache=str(tmp_path / f"cache-{name}"))],
        env={**os.environ, "OMP_NUM_THREADS": "1", "TMPDIR": str(jit), **env},
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _host() -> CompileTarget:
    return compile_target("gcc", None)


def test_a_named_target_is_compiled_for_and_keyed(tmp_path):
    host = _host()
    if isa_of(host) not in ("avx2", "avx512"):
        pytest.skip("this CPU has no AVX2")
    # Act
    native = _job(tmp_path, "native")
    portable = _job(tmp_path, "v3", SEISLESS_MARCH="x86-64-v3")
    # Assert: a different key, and code that uses AVX2 but not AVX-512
    assert native["target"] != portable["target"]
    assert portable["target"].startswith("x86-64-v3/")
    assert "-march=x86-64-v3" in portable["cflags"] and "-march=native" not in portable["cflags"]
    assert portable["isa"] == "avx2"
    assert portable["ymm"] and not portable["zmm"]


def test_the_same_named_target_gives_the_same_key_whatever_else_is_set(tmp_path):
    first = _job(tmp_path, "a", SEISLESS_MARCH="x86-64-v3")
    second = _job(tmp_path, "b", SEISLESS_MARCH="x86-64-v3", SEISLESS_VCPUS="2")
    assert first["target"] == second["target"] and first["cflags"] == second["cflags"]


def test_a_binary_compiled_for_another_target_is_not_reused_from_the_jit_directory(tmp_path):
    # Arrange: Devito's JIT directory (TMPDIR) holds the operator compiled for x86-64-v3
    portable = _job(tmp_path, "v3", jit_dir="shared", SEISLESS_MARCH="x86-64-v3")
    # Act: a native job with the same JIT directory and an empty operator cache
    native = _job(tmp_path, "native", jit_dir="shared")
    # Assert: its own binary, not the other target's
    assert native["binary"] != portable["binary"]
    assert os.path.dirname(native["binary"]) == os.path.dirname(portable["binary"])


def test_a_target_this_cpu_cannot_run_falls_back_to_native(monkeypatch):
    # Arrange: gcc describes a target with an extension this CPU lacks
    host = _host()
    future = CompileTarget("future", "future/future", host.options | {"-mfuture-isa"})
    monkeypatch.setattr(target_module, "_query",
                        lambda cc, march: future if march == "future" else host)
    # Act
    with pytest.warns(UserWarning, match="lacks -mfuture-isa"):
        chosen = compile_target("gcc", "future")
    # Assert
    assert chosen == host


def test_a_baseline_target_runs_here_and_differs_from_native():
    baseline = compile_target("gcc", "x86-64")
    assert baseline.march == "x86-64" and baseline.runs_on(_host())
    assert baseline.digest != _host().digest


def test_a_malformed_target_is_refused():
    with pytest.warns(UserWarning, match="not a -march value"):
        assert compile_target("gcc", "x86-64 -O0") == _host()


def test_the_name_alone_does_not_identify_a_target():
    # gcc 12 calls a Zen 4 "znver3": two CPUs with one name but other extensions differ
    plain = CompileTarget("native", "znver3/znver3", frozenset({"-mavx2"}))
    wider = CompileTarget("native", "znver3/znver3", frozenset({"-mavx2", "-mavx512f"}))
    assert plain.digest != wider.digest
    assert plain.runs_on(wider) and not wider.runs_on(plain)
    assert (isa_of(plain), isa_of(wider)) == ("avx2", "avx512")
