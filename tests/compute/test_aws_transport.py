"""The job's S3/SQS client retries as botocore's standard mode does (5 tries, throttling, 5xx
and no answer; jittered exponential waits) and addresses buckets as boto3 did."""

from __future__ import annotations

import pytest
from seisless_compute.errors import SeislessError, TransientError
from seisless_compute.io.aws import AwsError, NoAnswerError, S3Client
from seisless_compute.io.aws import transport as transport_module
from seisless_compute.io.storage import S3Store

BUCKET, KEY = "seisless-dev-data", "runs/demo/iterations/1/gradients/shot-3.npy"
SLOW_DOWN = (503, {"Content-Type": "application/xml"},
             (b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
             b"</Error>"))


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The waits between tries, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(transport_module, "_pause", recorded.append)
    return recorded


def _client(endpoint: str, **transport) -> S3Client:
    environ = {"AWS_ENDPOINT_URL_S3": endpoint, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
               "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1"}
    return S3Client(environ=environ, **transport)


def test_a_throttled_read_is_retried_with_growing_jittered_waits(scripted_endpoint, pauses):
    # Arrange
    scripted_endpoint.answers += [SLOW_DOWN, SLOW_DOWN, (206, {}, b"0123")]
    client = _client(scripted_endpoint.url)
    # Act
    found = client.get_object(BUCKET, KEY, range(4, 8))
    # Assert
    assert found.body == b"0123"
    assert [r["path"] for r in scripted_endpoint.requests] == [f"/{BUCKET}/{KEY}"] * 3
    assert scripted_endpoint.requests[0]["headers"]["range"] == "bytes=4-7"
    assert len(pauses) == 2 and 0 <= pauses[0] < 1 and 0 <= pauses[1] < 2


def test_the_fifth_failure_is_the_last_and_surfaces_as_transient(scripted_endpoint, pauses):
    # Arrange
    internal = (500, {}, b"<Error><Code>InternalError</Code><Message>m</Message></Error>")
    scripted_endpoint.answers += [internal] * 6
    store = S3Store(BUCKET, client=_client(scripted_endpoint.url))
    # Act
    with pytest.raises(TransientError) as raised:
        store.put(KEY, b"body")
    # Assert
    assert len(scripted_endpoint.requests) == 5 and len(pauses) == 4
    assert "PutObject failed" in raised.value.received and "InternalError" in raised.value.received


def test_an_access_denied_is_not_retried_and_keeps_its_message(scripted_endpoint, pauses):
    # Arrange
    message = "User: arn:aws:sts::0:assumed-role/job-role/j-1 is not authorized to perform: s3:GetObject"
    scripted_endpoint.answers.append(
        (403, {}, f"<Error><Code>AccessDenied</Code><Message>{message}</Message></Error>".encode()))
    store = S3Store(BUCKET, client=_client(scripted_endpoint.url))
    # Act
    with pytest.raises(SeislessError) as raised:
        store.get(KEY)
    # Assert
    assert type(raised.value) is SeislessError
    assert raised.value.received == f"GetObject failed with AccessDenied ({message})"
    assert len(scripted_endpoint.requests) == 1 and pauses == []


def test_a_bodiless_error_answer_has_its_status_as_code(scripted_endpoint, pauses):
    scripted_endpoint.answers.append((404, {}, b""))

    with pytest.raises(AwsError) as raised:
        _client(scripted_endpoint.url).get_object(BUCKET, KEY)

    assert (raised.value.code, raised.value.status) == ("404", 404)


def test_a_connection_the_server_dropped_is_reopened_without_a_retry(scripted_endpoint, pauses):
    # Arrange: the first answer keeps the connection, which the server then drops unanswered
    scripted_endpoint.answers += [(200, {}, b"first"), "drop", (200, {}, b"second")]
    client = _client(scripted_endpoint.url)
    client.get_object(BUCKET, "a")
    # Act
    second = client.get_object(BUCKET, "b")
    # Assert
    assert second.body == b"second" and pauses == []
    paths = [r["path"] for r in scripted_endpoint.requests]
    assert paths == [f"/{BUCKET}/a", f"/{BUCKET}/b", f"/{BUCKET}/b"]


def test_a_request_that_gets_no_answer_is_transient(pauses):
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}"
    store = S3Store(BUCKET, client=_client(url, attempts=2))

    with pytest.raises(TransientError) as raised:
        store.get(KEY)

    assert isinstance(raised.value.__cause__, NoAnswerError) and len(pauses) == 1


@pytest.mark.parametrize(("environ", "bucket", "url"), [
    ({"AWS_REGION": "eu-west-1"}, "seisless-dev-data",
     "https://seisless-dev-data.s3.eu-west-1.amazonaws.com/a/b%20c.npy"),
    ({"AWS_REGION": "eu-west-1"}, "data.example",
     "https://s3.eu-west-1.amazonaws.com/data.example/a/b%20c.npy"),
    ({"AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566/"},
     "seisless-dev-data", "http://127.0.0.1:4566/seisless-dev-data/a/b%20c.npy"),
    ({"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://other:1",
      "AWS_ENDPOINT_URL_S3": "http://localhost:9000"},
     "seisless-dev-data", "http://localhost:9000/seisless-dev-data/a/b%20c.npy"),
])
def test_buckets_are_virtual_hosted_on_aws_and_path_style_on_a_custom_endpoint(environ, bucket,
                                                                               url):
    assert S3Client(environ=environ).url(bucket, "a/b c.npy") == url


def test_every_https_connection_of_a_job_shares_one_verifying_tls_context(monkeypatch):
    # Arrange: connections that record what they were given instead of connecting
    import socket
    import ssl

    made = []

    class Recorded:
        def __init__(self, host, *, timeout, context):
            made.append((host, context))
            self.sock = socket.socket()

        def connect(self) -> None:
            pass

        def close(self) -> None:
            self.sock.close()

    monkeypatch.setattr(transport_module.http.client, "HTTPSConnection", Recorded)

    def transport(service: str):
        return transport_module.Transport(f"https://{service}.eu-west-1.amazonaws.com", service,
                                          "eu-west-1", credentials=object())

    # Act: S3, SQS, and S3 again (a second connection, as reading inputs at once makes)
    for connection in (transport("s3"), transport("sqs"), transport("s3")):
        connection._connect()
        connection.close()

    # Assert
    contexts = {id(context) for _, context in made}
    assert len(made) == 3 and len(contexts) == 1
    context = made[0][1]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
