"""Compiled operators shared through the bucket: a job on a machine with an empty compile cache
loads what another job compiled, and the shared cache never fails a job."""

from __future__ import annotations

import hashlib
import pickle
import warnings

import numpy as np
import pytest
from seisless_compute.io.shared_operators import OPERATOR_PREFIX, BucketOperators
from seisless_compute.solvers.cache import OperatorCache

RUN = "runs/shared"


def _observe_spec(edge_task_file) -> dict:
    spec = edge_task_file("observe", iteration=0, shots=[0])
    spec["inputs"] = {"velocity": f"{RUN}/inputs/model.npy"}
    spec["outputs"] = {**spec["outputs"], "data": f"{RUN}/data/shot-{{shot}}.npy",
                       "timings": f"{RUN}/timings/observe-{{shot}}.json"}
    return spec


def _observe(cloud, spec: dict, cache_dir) -> tuple[dict, np.ndarray]:
    key = cloud.put_json(f"{RUN}/tasks/observe.json", spec)
    done = cloud.run("observe", key, SEISLESS_SHOT="0", SEISLESS_CACHE_DIR=str(cache_dir))
    assert done.returncode == 0, done.stderr
    return cloud.get_json(f"{RUN}/timings/observe-0.json"), cloud.get_npy(f"{RUN}/data/shot-0.npy")


def test_a_job_with_an_empty_cache_loads_what_another_job_published(cloud, edge_task_file,
                                                                   tmp_path):
    # Arrange: a first job on "machine A" compiles the forward operator
    cloud.put_npy(f"{RUN}/inputs/model.npy", np.full((61, 41), 2.0, np.float32))
    spec = _observe_spec(edge_task_file)
    first, expected = _observe(cloud, spec, tmp_path / "machine-a")
    # Act: the same job on "machine B", whose compile cache is empty
    second, record = _observe(cloud, spec, tmp_path / "machine-b")
    # Assert
    (published,) = cloud.keys(OPERATOR_PREFIX)
    assert published.startswith(f"{OPERATOR_PREFIX}forward-")
    assert first["compile_sources"] == {"compiled": 1} and not first["compile_cached"]
    assert second["compile_sources"] == {"shared": 1} and second["compile_cached"]
    np.testing.assert_array_equal(record, expected)
    kept = [p.name for p in (tmp_path / "machine-b").iterdir() if p.is_file()]
    assert kept == [published.removeprefix(OPERATOR_PREFIX)], "kept on disk for the next job"
    # ... and captured for running without Devito (solvers/host_operators.py)
    assert [p.suffix for p in sorted((tmp_path / "machine-b" / "host").iterdir())] == [
        ".json", ".so"]


def test_publishing_never_replaces_an_entry(cloud):
    # Arrange
    shared = BucketOperators(cloud.store())
    shared.publish("forward-abc.pkl", b"first")
    # Act: a concurrent job loses the conditional write, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shared.publish("forward-abc.pkl", b"second")
    # Assert
    assert cloud.get(f"{OPERATOR_PREFIX}forward-abc.pkl") == b"first"
    assert shared.fetch("forward-abc.pkl") == b"first"


def test_an_entry_that_does_not_match_its_hash_is_ignored(cloud):
    # Arrange: a truncated or tampered object
    cloud.s3.put_object(Bucket=cloud.bucket, Key=f"{OPERATOR_PREFIX}forward-abc.pkl",
                        Body=b"truncat", Metadata={"sha256": hashlib.sha256(b"full").hexdigest()})
    shared = BucketOperators(cloud.store())
    # Act
    with pytest.warns(UserWarning, match="does not match"):
        body = shared.fetch("forward-abc.pkl")
    # Assert
    assert body is None


def test_a_missing_entry_is_quietly_absent(cloud):
    shared = BucketOperators(cloud.store())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert shared.fetch("forward-missing.pkl") is None


def test_an_unusable_bucket_only_warns(cloud):
    # Arrange: a bucket that does not exist (as a denied one, the calls fail)
    shared = BucketOperators(cloud.store("seisless-no-such-bucket"))
    # Act
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fetched = shared.fetch("forward-abc.pkl")
        shared.publish("forward-abc.pkl", b"body")
    # Assert
    assert fetched is None
    url = f"s3://seisless-no-such-bucket/{OPERATOR_PREFIX}forward-abc.pkl"
    assert [str(w.message).split(": ")[0] for w in caught] == [url, url]
    assert "not read" in str(caught[0].message) and "not written" in str(caught[1].message)


class _InMemory:
    """A shared store in a dict (what ``BucketOperators`` does, without S3)."""

    def __init__(self, entries: dict[str, bytes] | None = None) -> None:
        self.entries = dict(entries or {})

    def fetch(self, name: str) -> bytes | None:
        return self.entries.get(name)

    def publish(self, name: str, body: bytes) -> None:
        self.entries.setdefault(name, body)


class _Compiled:
    """Stands in for a Devito operator: ``cfunction`` is what the cache calls to compile."""

    def __init__(self, value: int) -> None:
        self.value, self.compiled = value, False

    @property
    def cfunction(self):
        self.compiled = True
        return self.value


def test_an_unpicklable_shared_entry_is_compiled_instead(tmp_path):
    # Arrange
    key = {"kind": "forward", "n": 1}
    name = OperatorCache(tmp_path).path(key).name
    shared = _InMemory({name: b"not a pickle"})
    cache = OperatorCache(tmp_path, shared)
    # Act
    with pytest.warns(UserWarning, match="unusable"):
        operator, _, source = cache.get(key, lambda: _Compiled(7))
    # Assert
    assert source == "compiled" and operator.compiled and operator.value == 7
    assert pickle.loads((tmp_path / name).read_bytes()).value == 7
    assert shared.entries[name] == b"not a pickle", "an existing entry is never replaced"


def test_a_compiled_operator_is_published_and_a_disk_hit_reads_nothing_shared(tmp_path):
    # Arrange
    key = {"kind": "forward", "n": 2}
    shared = _InMemory()
    OperatorCache(tmp_path, shared).get(key, lambda: _Compiled(3))
    shared_before = dict(shared.entries)
    shared.fetch = None  # any read of the shared store would fail
    # Act
    operator, _, source = OperatorCache(tmp_path, shared).get(key, lambda: _Compiled(4))
    # Assert
    assert source == "disk" and operator.value == 3
    assert list(shared_before) == [OperatorCache(tmp_path).path(key).name]
