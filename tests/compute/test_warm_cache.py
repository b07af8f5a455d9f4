"""``python -m seisless_compute warm-cache``: compiles a run spec's operators ahead of its jobs,
which then compile nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from seisless_compute.warm_cache import configuration_of

RUN = "runs/warm"

#: A run spec whose jobs' task files are those of ``edge_task_file`` (61 x 41, 21 receivers,
#: space order 8, 20 absorbing points).
TINY_SPEC = {
    "model": {"preset": "layered", "shape": [61, 41], "spacing": [10, 10]},
    "acquisition": {"sources": {"count": 2, "depthM": 20},
                    "receivers": {"count": 21, "depthM": 20},
                    "recordingTimeMs": 300, "peakFrequencyHz": 12},
    "algorithm": {"kind": "fwi", "iterations": 1, "batchSize": 2,
                  "step": {"rule": "armijo", "initial": 0.1},
                  "bounds": {"minKmS": 1.4, "maxKmS": 3.5}},
    "compute": {"vcpus": 1, "spaceOrder": 8, "nbl": 20},
}


#: The compile target of the images (docker/Dockerfile), and of a local run (none).
TARGETS = {"native": {}, "image": {"SEISLESS_MARCH": "x86-64-v3", "DEVITO_PLATFORM": "intel64"}}


def _warm(cache_dir, *specs, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "seisless_compute", "warm-cache", *map(str, specs),
         "--cache-dir", str(cache_dir)],
        env={**os.environ, "OMP_NUM_THREADS": "1", **env}, capture_output=True, text=True,
        timeout=600, check=False)


def _lines(done: subprocess.CompletedProcess) -> list[dict]:
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module", params=list(TARGETS))
def warmed(request, tmp_path_factory):
    """A compile cache warmed once for ``TINY_SPEC`` (for a local run, then as in an image),
    what the command printed, and the target's environment."""
    root = tmp_path_factory.mktemp("warm")
    spec = root / "tiny.json"
    spec.write_text(json.dumps(TINY_SPEC))
    cache, env = root / "cache", TARGETS[request.param]
    return spec, cache, _lines(_warm(cache, spec, **env)), env


def test_it_compiles_every_operator_the_tasks_of_a_spec_use(warmed):
    _, cache, (line,), _ = warmed
    kinds = sorted(path.name.rsplit("-", 1)[0] for path in cache.glob("*.pkl"))
    # observe + objective: forward; gradient (FWI, stored wavefield): forward-save, gradient-save;
    # born-norm: born
    assert kinds == ["born", "forward", "forward-save", "gradient-save"]
    assert line["source"] == "tiny.json" and line["shape"] == [61, 41]
    assert line["sources"] == {"compiled": 4}


def test_a_second_run_compiles_nothing(warmed):
    # Arrange
    spec, cache, _, env = warmed
    before = {path.name: path.stat().st_mtime_ns for path in cache.glob("*.pkl")}
    # Act
    (line,) = _lines(_warm(cache, spec, **env))
    # Assert
    assert line["sources"] == {"disk": 4}
    assert {path.name: path.stat().st_mtime_ns for path in cache.glob("*.pkl")} == before


def test_a_job_of_the_spec_then_compiles_nothing(warmed, cloud, edge_task_file, tmp_path):
    # Arrange: observed data (made with another cache), then a gradient job on the warmed one
    _, cache, _, env = warmed
    cloud.put_npy(f"{RUN}/inputs/model.npy", np.full((61, 41), 2.0, np.float32))
    observe = edge_task_file("observe", iteration=0, shots=[0])
    observe["inputs"] = {"velocity": f"{RUN}/inputs/model.npy"}
    observe["outputs"] = {**observe["outputs"], "data": f"{RUN}/data/shot-{{shot}}.npy"}
    key = cloud.put_json(f"{RUN}/tasks/observe.json", observe)
    assert cloud.run("observe", key, SEISLESS_SHOT="0",
                     SEISLESS_CACHE_DIR=str(tmp_path)).returncode == 0
    gradient = edge_task_file("gradient", shots=[0])
    gradient["inputs"] = {"velocity": f"{RUN}/inputs/model.npy",
                          "data": f"{RUN}/data/shot-{{shot}}.npy"}
    gradient["outputs"] = {**gradient["outputs"],
                           "timings": f"{RUN}/timings/gradient-{{shot}}.json"}
    key = cloud.put_json(f"{RUN}/tasks/gradient.json", gradient)
    # Act
    done = cloud.run("gradient", key, SEISLESS_SHOT="0", SEISLESS_CACHE_DIR=str(cache), **env)
    # Assert
    assert done.returncode == 0, done.stderr
    timings = cloud.get_json(f"{RUN}/timings/gradient-0.json")
    assert timings["compile_sources"] == {"disk": 2} and timings["compile_cached"]


def test_specs_whose_grid_is_known_only_at_run_time_are_skipped(tmp_path):
    # Arrange
    spec = tmp_path / "segy.json"
    spec.write_text(json.dumps({**TINY_SPEC, "model": {"key": "models/marmousi.segy"}}))
    # Act
    (line,) = _lines(_warm(tmp_path / "cache", spec))
    # Assert
    assert line == {"source": "segy.json", "skipped": True}
    assert not (tmp_path / "cache").exists()


def test_mpi_specs_are_skipped():
    spec = {**TINY_SPEC, "compute": {**TINY_SPEC["compute"], "mpiRanks": 2}}
    assert configuration_of(spec, "mpi.json") is None


def test_subsampling_and_illumination_select_their_operator_variants(tmp_path):
    # Arrange
    from seisless_compute.warm_cache import warm

    spec = {**TINY_SPEC, "compute": {**TINY_SPEC["compute"], "wavefieldSubsampling": "auto"},
            "preconditioning": {"illumination": {"epsilon": 0.01}}}
    config = configuration_of(spec, "variants.json")
    # Act
    warm(config, tmp_path)
    # Assert: the gradient job's forward and imaging operators are the subsampled ones, over
    # the physical region, its forward accumulating the illumination; observe, objective and
    # born-norm keep the plain ones (file names start with the variant's name)
    names = {path.name.rsplit("-", 1)[0] for path in tmp_path.rglob("*.pkl")}
    assert names == {"forward", "forward-save-sub-phys-illum", "gradient-save-sub-phys", "born"}


def test_a_bad_spec_fails_with_one_line_naming_it(tmp_path):
    # Arrange
    spec = tmp_path / "bad.json"
    spec.write_text(json.dumps({"model": {"shape": [61, 41]}}))
    # Act
    done = _warm(tmp_path / "cache", spec)
    # Assert
    assert done.returncode == 2
    assert done.stderr.startswith("seisless_compute: error: bad.json: run spec without")
    assert len(done.stderr.splitlines()) == 1


def test_the_example_specs_all_have_a_configuration():
    specs = sorted((Path(__file__).resolve().parents[2] / "numerical-examples/specs").glob("*.json"))
    configs = [configuration_of(json.loads(path.read_text()), path.name) for path in specs]
    assert len(configs) >= 4 and all(config is not None for config in configs)
    assert {config.algorithm for config in configs} == {"fwi", "lsrtm", "rtm"}



def test_tti_specs_warm_the_tti_variants(tmp_path):
    # Arrange
    from seisless_compute.warm_cache import warm

    spec = {**TINY_SPEC, "physics": "tti",
            "model": {"preset": "layered-tti", "shape": [61, 41], "spacing": [10, 10]}}
    config = configuration_of(spec, "tti.json")
    # Act
    line = warm(config, tmp_path)
    # Assert: the acoustic names with the -tti suffix
    names = {path.name.rsplit("-", 1)[0] for path in tmp_path.rglob("*.pkl")}
    assert config.physics == "tti" and line["sources"] == {"compiled": 4}
    assert names == {"forward-tti", "forward-save-tti", "gradient-save-tti", "born-tti"}
