"""Shared fixtures of the compute tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

# --- Edge (tasks, io): a moto S3/SQS server and jobs run exactly as AWS Batch runs them. -------

_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_REGION": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    """URL of a moto server (S3 + SQS) on 127.0.0.1 and a free port, for the whole session."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="session")
def compile_cache(tmp_path_factory) -> Path:
    """One operator compile cache for every job of the session."""
    return tmp_path_factory.mktemp("devito-cache")


@dataclass
class Cloud:
    """A fresh bucket and FIFO queue on the moto server, and helpers to run jobs against them."""

    endpoint: str
    bucket: str
    queue_url: str
    cache_dir: Path
    s3: object = field(repr=False)
    sqs: object = field(repr=False)

    def put_json(self, key: str, value) -> str:
        """Write a JSON object; returns its key."""
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=json.dumps(value).encode())
        return key

    def put_npy(self, key: str, array: np.ndarray) -> str:
        """Write an array as .npy with numpy's own writer; returns its key."""
        import io

        buffer = io.BytesIO()
        np.save(buffer, array)
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=buffer.getvalue())
        return key

    def get(self, key: str, byte_range: str | None = None) -> bytes:
        """An object's bytes (``byte_range`` as in the HTTP header, e.g. ``bytes=0-9``)."""
        extra = {"Range": byte_range} if byte_range else {}
        return self.s3.get_object(Bucket=self.bucket, Key=key, **extra)["Body"].read()

    def get_npy(self, key: str) -> np.ndarray:
        """An .npy object read with numpy's own reader."""
        import io

        return np.load(io.BytesIO(self.get(key)))

    def get_json(self, key: str):
        """A JSON object."""
        return json.loads(self.get(key))

    def keys(self, prefix: str = "") -> list[str]:
        """Every key under ``prefix``."""
        listing = self.s3.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def env(self, task_key: str, **extra: str) -> dict[str, str]:
        """The job environment AWS Batch would set (plus ``extra``)."""
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/"),
            **_CREDENTIALS,
            "AWS_ENDPOINT_URL_S3": self.endpoint, "AWS_ENDPOINT_URL_SQS": self.endpoint,
            "SEISLESS_BUCKET": self.bucket, "SEISLESS_TASK_KEY": task_key,
            "SEISLESS_REDUCER_QUEUE_URL": self.queue_url, "SEISLESS_VCPUS": "1",
            "SEISLESS_CACHE_DIR": str(self.cache_dir),
            "AWS_BATCH_JOB_ID": f"job-{uuid.uuid4().hex[:8]}", "AWS_BATCH_JOB_ATTEMPT": "1",
        }
        return {**env, **extra}

    def store(self, bucket: str | None = None, **transport):
        """The jobs' ``S3Store`` of this bucket (or ``bucket``), on the jobs' client and
        environment (``transport``: ``attempts``, timeouts)."""
        from seisless_compute.io.aws import S3Client
        from seisless_compute.io.storage import S3Store

        client = S3Client(environ=self.env(""), **transport)
        return S3Store(bucket or self.bucket, client=client)

    def run(self, task: str, task_key: str, **extra: str) -> subprocess.CompletedProcess:
        """Run ``python -m seisless_compute <task>`` as a job; returns the finished process."""
        return subprocess.run(
            [sys.executable, "-m", "seisless_compute", task], env=self.env(task_key, **extra),
            capture_output=True, text=True, timeout=900, check=False,
        )

    def messages(self, wait_s: float = 1.0) -> list[dict]:
        """Receive (and delete) every message of the queue, with their system attributes."""
        received, deadline = [], time.monotonic() + wait_s
        while time.monotonic() < deadline:
            batch = self.sqs.receive_message(
                QueueUrl=self.queue_url, MaxNumberOfMessages=10, AttributeNames=["All"],
                MessageSystemAttributeNames=["All"], WaitTimeSeconds=0,
            ).get("Messages", [])
            for message in batch:
                self.sqs.delete_message(QueueUrl=self.queue_url,
                                        ReceiptHandle=message["ReceiptHandle"])
            received += batch
            if not batch:
                time.sleep(0.05)
        return received


@pytest.fixture(scope="session")
def make_cloud(moto_endpoint, compile_cache):
    """A factory of fresh buckets and reducer FIFO queues (one pair per call)."""
    import boto3

    def make() -> Cloud:
        name = f"seisless-test-{uuid.uuid4().hex[:10]}"
        clients = {service: boto3.client(
            service, endpoint_url=moto_endpoint, aws_access_key_id="testing",
            aws_secret_access_key="testing", region_name="us-east-1",
        ) for service in ("s3", "sqs")}
        clients["s3"].create_bucket(Bucket=name)
        queue = clients["sqs"].create_queue(QueueName=f"{name}-reducer.fifo", Attributes={
            "FifoQueue": "true", "ContentBasedDeduplication": "false"})["QueueUrl"]
        return Cloud(moto_endpoint, name, queue, compile_cache, clients["s3"], clients["sqs"])

    return make


@pytest.fixture
def cloud(make_cloud) -> Cloud:
    """A fresh bucket and reducer FIFO queue for one test."""
    return make_cloud()


def _edge_task_file(task: str, /, **sections) -> dict:
    """A valid task file for ``task`` on a tiny 2D grid (61 x 41, 10 m, 300 ms, 2 shots).

    Keyword arguments replace whole top-level sections (``inputs=…``, ``outputs=…``).
    """
    run = "runs/test"
    spec = {
        "version": 1, "runId": "test", "iteration": 1, "task": task, "algorithm": "fwi",
        "shots": [0, 1],
        "grid": {"shape": [61, 41], "spacing": [10, 10], "origin": [0, 0]},
        "acquisition": {
            "sources": [[150, 20], [450, 20]],
            "receivers": [[x, 20] for x in range(0, 601, 30)],
            "recordingTimeMs": 300, "peakFrequencyHz": 12,
        },
        "physics": {"spaceOrder": 8, "nbl": 20, "imagingCondition": "standard",
                    "checkpointing": False},
        "inputs": {"velocity": f"{run}/inputs/background.npy",
                   "data": f"{run}/data/shot-{{shot}}.npy"},
        "outputs": {"gradient": f"{run}/iterations/1/gradients/shot-{{shot}}.npy",
                    "scalar": f"{run}/iterations/1/line-search/0/shot-{{shot}}.json",
                    "data": f"{run}/data/shot-{{shot}}.npy",
                    "timings": f"{run}/iterations/1/timings/{task}-shot-{{shot}}.json"},
        "reduction": {"chunkSize": 1000, "batchSize": 2},
    }
    return {**spec, **sections}


@pytest.fixture(scope="session")
def edge_task_file():
    """Builder of valid task files: ``edge_task_file(task, **sections) -> dict``."""
    return _edge_task_file


@dataclass
class ScriptedEndpoint:
    """An HTTP/1.1 server on 127.0.0.1 that gives canned answers in order and records requests.

    An answer is ``(status, headers, body)``, or ``"drop"``: close the connection unanswered.
    After the script, every request gets a 200 with an empty body.
    """

    url: str
    answers: list = field(default_factory=list)
    requests: list = field(default_factory=list)


def _scripted_handler(endpoint: ScriptedEndpoint):
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            endpoint.requests.append({"method": self.command, "path": self.path,
                                      "headers": {k.lower(): v for k, v in self.headers.items()},
                                      "body": body})
            answer = endpoint.answers.pop(0) if endpoint.answers else (200, {}, b"")
            if answer == "drop":
                self.close_connection = True
                return
            status, headers, payload = answer
            self.send_response(status)
            for name, value in {"Content-Length": str(len(payload)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_PUT = do_POST = do_HEAD = _answer

    return Handler


@pytest.fixture
def scripted_endpoint():
    """A :class:`ScriptedEndpoint` for one test."""
    import threading
    from http.server import ThreadingHTTPServer

    endpoint = ScriptedEndpoint(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _scripted_handler(endpoint))
    endpoint.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield endpoint
    server.shutdown()
    server.server_close()


# --- Physics (operators, solvers): small shots sharing one operator compile cache. -------------


@dataclass(frozen=True)
class PhysicsCase:
    """A small shot: grid, geometry, a true and a smooth background model, solver options."""

    grid: object
    geometry: object
    vp: np.ndarray
    vp0: np.ndarray
    space_order: int
    nbl: int
    cache_dir: Path

    def solver(self, **options):
        """An ``AcousticSolver`` of this case (time axis fixed by the true model's max)."""
        from seisless_compute.solvers import AcousticSolver

        options = {"space_order": self.space_order, "nbl": self.nbl,
                   "cache_dir": self.cache_dir, "vp_max": float(self.vp.max()), **options}
        return AcousticSolver(self.grid, self.geometry, **options)


def _physics_case(shape, cache_dir, *, time_ms, frequency_hz, space_order=8, nbl=20):
    from seisless_compute.models import presets
    from seisless_compute.solvers import Grid, ShotGeometry

    spacing = (10.0,) * len(shape)
    extent = np.array([(n - 1) * h for n, h in zip(shape, spacing)])
    lateral = [np.linspace(0.1, 0.9, 9 if len(shape) == 2 else 5) * e for e in extent[:-1]]
    receivers = np.stack(np.meshgrid(*lateral, indexing="ij"), -1).reshape(-1, len(shape) - 1)
    receivers = np.hstack([receivers, np.full((len(receivers), 1), 2 * spacing[-1])])
    source = np.append(extent[:-1] / 2, 2 * spacing[-1])
    vp = presets.layered(shape, spacing, velocities=(1.5, 2.0, 2.5)).vp
    vp = np.where(presets.camembert(shape, spacing, background=0.0, anomaly=1.0,
                                     radius_fraction=0.15).vp > 0, 2.3, vp)
    return PhysicsCase(
        grid=Grid(tuple(shape), spacing, (0.0,) * len(shape)),
        geometry=ShotGeometry(source, receivers, recording_time_ms=time_ms,
                              peak_frequency_hz=frequency_hz),
        vp=vp.astype(np.float32), vp0=presets.smooth(vp, 40.0, spacing),
        space_order=space_order, nbl=nbl, cache_dir=cache_dir)


@pytest.fixture(scope="session")
def physics_cache(tmp_path_factory) -> Path:
    """Operator compile cache shared by the physics tests of the session."""
    return tmp_path_factory.mktemp("physics-cache")


@pytest.fixture(scope="session")
def shot_2d(physics_cache) -> PhysicsCase:
    """2D, 101 x 101 points of 10 m, space order 8, 600 ms at 10 Hz, 9 receivers."""
    return _physics_case((101, 101), physics_cache, time_ms=600.0, frequency_hz=10.0)


@pytest.fixture(scope="session")
def shot_3d(physics_cache) -> PhysicsCase:
    """3D, 41^3 points of 10 m, space order 8, 250 ms at 15 Hz, 5 x 5 receivers."""
    return _physics_case((41, 41, 41), physics_cache, time_ms=250.0, frequency_hz=15.0,
                         nbl=10)
