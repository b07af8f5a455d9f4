"""S3 errors as the compute tasks report them: the same families as core's translateS3Error
(packages/core/src/aws/s3Errors.ts)."""

import pytest
from seisless_compute.errors import InputError, SeislessError, TransientError
from seisless_compute.io.aws import AwsError, NoAnswerError, S3Client
from seisless_compute.io.storage import S3Store, translate_client_error

BUCKET, KEY = "seisless-dev-data", "runs/demo/iterations/1/gradients/shot-3.npy"


def _store(endpoint: str) -> S3Store:
    """An ``S3Store`` whose client tries once, on ``endpoint``."""
    environ = {"AWS_ENDPOINT_URL_S3": endpoint, "AWS_ACCESS_KEY_ID": "testing",
               "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}
    return S3Store(BUCKET, client=S3Client(environ=environ, attempts=1))


def _slow_down() -> tuple:
    return (503, {}, (b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate."
                     b"</Message></Error>"))


def test_an_s3_slowdown_on_a_read_surfaces_as_a_transient_error(scripted_endpoint):
    # Arrange
    scripted_endpoint.answers.append(_slow_down())
    store = _store(scripted_endpoint.url)

    # Act
    with pytest.raises(TransientError) as raised:
        store.get(KEY)

    # Assert
    assert raised.value.name == "TransientError"
    assert raised.value.subject == f"s3://{BUCKET}/{KEY}"
    assert "GetObject failed" in raised.value.received and "SlowDown" in raised.value.received
    assert scripted_endpoint.requests[0]["path"] == f"/{BUCKET}/{KEY}"


def test_an_s3_slowdown_on_a_write_surfaces_as_a_transient_error(scripted_endpoint):
    scripted_endpoint.answers.append(_slow_down())
    store = _store(scripted_endpoint.url)

    with pytest.raises(TransientError):
        store.put(KEY, b"\x93NUMPY")


@pytest.mark.parametrize(("code", "status"), [
    ("SlowDown", 503), ("Throttling", 400), ("ThrottlingException", 400),
    ("RequestTimeout", 400), ("RequestTimeoutException", 408), ("TimeoutError", 400),
    ("InternalError", 500), ("ServiceUnavailable", 503),
    ("TooManyRequests", 429), ("BadGateway", 502), ("500", 500), ("503", 503),
])
def test_throttling_any_5xx_and_429_are_transient_as_in_core(code, status):
    error = AwsError(code, "m", status=status, action="GetObject")

    translated = translate_client_error(error, f"s3://{BUCKET}/{KEY}", "GetObject")

    assert type(translated) is TransientError


def test_a_request_that_got_no_answer_is_transient():
    error = NoAnswerError("GetObject to http://127.0.0.1:9: ConnectionRefusedError")

    translated = translate_client_error(error, f"s3://{BUCKET}/{KEY}", "GetObject")

    assert type(translated) is TransientError


@pytest.mark.parametrize(("code", "status", "family", "received"), [
    ("NoSuchKey", 404, InputError, "no such object (GetObject)"),
    ("404", 404, InputError, "no such object (GetObject)"),
    ("NoSuchBucket", 404, InputError, "no such bucket (GetObject)"),
    ("InvalidRange", 416, InputError, "GetObject failed with InvalidRange"),
    ("AccessDenied", 403, SeislessError, "GetObject failed with AccessDenied (m)"),
])
def test_client_errors_keep_their_own_family(code, status, family, received):
    error = AwsError(code, "m", status=status, action="GetObject")

    translated = translate_client_error(error, f"s3://{BUCKET}/{KEY}", "GetObject")

    assert type(translated) is family
    assert translated.received == received


def test_a_missing_object_on_s3_is_an_input_error(cloud):
    with pytest.raises(InputError) as raised:
        cloud.store().get("runs/t/missing.npy")

    assert raised.value.received == "no such object (GetObject)"


def test_access_denied_keeps_the_message_naming_action_resource_and_role():
    message = (
        "User: arn:aws:sts::000000000000:assumed-role/job-role/j-1 is not authorized to perform: "
        "s3:PutObject on resource: arn:aws:s3:::data/k because no identity-based policy allows "
        "the s3:PutObject action"
    )
    error = AwsError("AccessDenied", message, status=403, action="PutObject")

    translated = translate_client_error(error, "s3://data/k", "PutObject")

    assert "PutObject failed with AccessDenied" in str(translated)
    assert message in str(translated)
