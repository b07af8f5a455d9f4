"""A job's S3 reads and writes overlapped: inputs read at once (``S3Store.prefetch``), with the
same bytes and errors as one GET each, and objects written while the job computes on
(``S3Store.put_later``), in order, their failures raised where the job waits for them."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest
from seisless_compute.errors import InputError
from seisless_compute.io.aws import S3Client
from seisless_compute.io.storage import S3Store


def _store(cloud, **transport) -> S3Store:
    return cloud.store(**transport)


def test_prefetched_objects_read_as_the_same_bytes_once_each(cloud):
    # Arrange
    first = cloud.put_npy("in/velocity.npy", np.full((3, 4), 1.5, np.float32))
    second = cloud.put_json("in/shot-0.json", {"dtMs": 2.0})
    store = _store(cloud)

    # Act
    store.prefetch([first, second, first])
    bodies = store.get(first), store.get(second)

    # Assert
    assert bodies == (cloud.get(first), cloud.get(second))
    assert store.bytes_read == len(bodies[0]) + len(bodies[1])
    assert store._pending == {}  # taken once: a second get is a GET of its own
    assert store.get(first) == bodies[0]


def test_a_missing_prefetched_object_fails_its_get_as_a_missing_object(cloud):
    store = _store(cloud, attempts=1)

    store.prefetch(["runs/x/background-data/shot-3.npy"])

    with pytest.raises(InputError) as raised:
        store.get("runs/x/background-data/shot-3.npy")
    assert "no such object" in raised.value.received
    assert raised.value.subject == f"s3://{cloud.bucket}/runs/x/background-data/shot-3.npy"


class _SlowServer:
    """Answers every GET with its path after ``delay_s``, counting requests in flight; holds
    every PUT until ``release`` is set, then records its path."""

    def __init__(self, delay_s: float) -> None:
        self.delay_s, self.in_flight, self.most_in_flight = delay_s, 0, 0
        self.lock, self.release, self.written = threading.Lock(), threading.Event(), []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                time.sleep(server.delay_s)
                with server.lock:
                    server.in_flight -= 1
                body = self.path.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_PUT(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.release.wait(timeout=10)
                server.written.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, args=(0.02,), daemon=True).start()


def _slow_store(server: _SlowServer) -> S3Store:
    environ = {"AWS_ENDPOINT_URL_S3": server.url, "AWS_ACCESS_KEY_ID": "testing",
               "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}
    return S3Store("bucket", client=S3Client(environ=environ, attempts=1))


def test_prefetched_objects_are_requested_together_not_one_after_another():
    # Arrange
    server = _SlowServer(delay_s=0.3)
    store = _slow_store(server)
    keys = [f"in/object-{i}.npy" for i in range(4)]

    try:
        # Act
        store.prefetch(keys)
        bodies = [store.get(key) for key in keys]
    finally:
        server.http.shutdown()
        server.http.server_close()

    # Assert
    assert bodies == [f"/bucket/{key}".encode() for key in keys]
    assert server.most_in_flight == len(keys)


def test_a_gradient_job_prefetches_every_input_and_the_background_record(edge_task_file):
    # Arrange
    from seisless_compute.__main__ import TASKS
    from seisless_compute.io.taskfile import parse_task_file
    from seisless_compute.io.timings import Stopwatch
    from seisless_compute.tasks.context import JobContext
    from seisless_compute.tasks.inputs import _keys

    run = "runs/test"
    inputs = {"velocity": f"{run}/inputs/background.npy", "data": f"{run}/data/shot-{{shot}}.npy",
              "image": f"{run}/iterations/1/image.npy",
              "backgroundData": f"{run}/background-data/shot-{{shot}}.npy"}
    spec = parse_task_file(json.dumps(edge_task_file("gradient", algorithm="lsrtm",
                                                     inputs=inputs)).encode(),
                           "task.json", task="gradient", needs=TASKS["gradient"].needs)
    ctx = JobContext(config=None, spec=spec, store=None, ranks=None, watch=Stopwatch(0.0),
                     shot=1, batch_index=0)

    # Act
    keys = _keys(ctx, ("velocity", "data", "image"))

    # Assert
    assert keys == [f"{run}/inputs/background.npy", f"{run}/data/shot-1.npy",
                    f"{run}/data/shot-1.json", f"{run}/iterations/1/image.npy",
                    f"{run}/background-data/shot-1.npy", f"{run}/background-data/shot-1.json"]


def test_a_later_write_returns_at_once_and_the_next_put_waits_for_it_in_order():
    # Arrange
    server = _SlowServer(delay_s=0.0)
    store = _slow_store(server)

    try:
        # Act
        store.put_later("runs/x/background-data/shot-1.npy", b"record")
        store.put_later("runs/x/background-data/shot-1.json", b"{}")
        held = (store.has_later_writes, list(server.written))
        server.release.set()
        store.put("runs/x/gradients/shot-1.npy", b"gradient")
    finally:
        server.http.shutdown()
        server.http.server_close()

    # Assert
    assert held == (True, [])  # neither write had been answered when put_later returned
    assert server.written == ["/bucket/runs/x/background-data/shot-1.npy",
                              "/bucket/runs/x/background-data/shot-1.json",
                              "/bucket/runs/x/gradients/shot-1.npy"]
    assert not store.has_later_writes
    assert store.bytes_written == len(b"record") + len(b"{}") + len(b"gradient")


def test_a_later_write_that_fails_fails_the_flush_naming_its_object(cloud):
    store = cloud.store(bucket="no-such-bucket-here", attempts=1)

    store.put_later("runs/x/background-data/shot-1.npy", b"record")

    with pytest.raises(InputError) as raised:
        store.flush()
    assert raised.value.subject == "s3://no-such-bucket-here/runs/x/background-data/shot-1.npy"
    assert "no such bucket" in raised.value.received


def test_later_writes_are_in_the_bucket_once_flushed(cloud):
    store = cloud.store()
    record = np.arange(12, dtype=np.float32).reshape(3, 4)

    from seisless_compute.io.arrays import write_array, write_json

    write_array(store, "runs/x/background-data/shot-2.npy", record, later=True)
    write_json(store, "runs/x/background-data/shot-2.json", {"dtMs": 1.5}, later=True)
    store.flush()

    np.testing.assert_array_equal(cloud.get_npy("runs/x/background-data/shot-2.npy"), record)
    assert cloud.get_json("runs/x/background-data/shot-2.json") == {"dtMs": 1.5}
