"""S3 errors as the compute tasks report them: the same families as core's translateS3Error
(packages/core/src/aws/s3Errors.ts)."""

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from botocore.stub import Stubber
from seisless_compute.errors import InputError, SeislessError, TransientError
from seisless_compute.io.storage import S3Store, translate_client_error

BUCKET, KEY = "seisless-dev-data", "runs/demo/iterations/1/gradients/shot-3.npy"


def _stubbed_store() -> tuple[S3Store, Stubber]:
    """An ``S3Store`` on a real botocore client whose answers come from a ``Stubber``."""
    client = boto3.client("s3", region_name="us-east-1", aws_access_key_id="testing",
                          aws_secret_access_key="testing")
    return S3Store(BUCKET, client=client), Stubber(client)


def test_an_s3_slowdown_on_a_read_surfaces_as_a_transient_error():
    # Arrange
    store, stubber = _stubbed_store()
    stubber.add_client_error("get_object", service_error_code="SlowDown",
                             service_message="Please reduce your request rate.",
                             http_status_code=503, expected_params={"Bucket": BUCKET, "Key": KEY})

    # Act
    with stubber, pytest.raises(TransientError) as raised:
        store.get(KEY)

    # Assert
    assert raised.value.name == "TransientError"
    assert raised.value.subject == f"s3://{BUCKET}/{KEY}"
    assert "GetObject failed" in raised.value.received and "SlowDown" in raised.value.received


def test_an_s3_slowdown_on_a_write_surfaces_as_a_transient_error():
    store, stubber = _stubbed_store()
    stubber.add_client_error("put_object", service_error_code="SlowDown", http_status_code=503)

    with stubber, pytest.raises(TransientError):
        store.put(KEY, b"\x93NUMPY")


@pytest.mark.parametrize(("code", "status"), [
    ("SlowDown", 503), ("Throttling", 400), ("ThrottlingException", 400),
    ("RequestTimeout", 400), ("RequestTimeoutException", 408), ("TimeoutError", 400),
    ("InternalError", 500), ("ServiceUnavailable", 503),
    ("TooManyRequests", 429), ("BadGateway", 502), ("500", 500), ("503", 503),
])
def test_throttling_any_5xx_and_429_are_transient_as_in_core(code, status):
    error = ClientError({"Error": {"Code": code, "Message": "m"},
                         "ResponseMetadata": {"HTTPStatusCode": status}}, "GetObject")

    translated = translate_client_error(error, f"s3://{BUCKET}/{KEY}", "GetObject")

    assert type(translated) is TransientError


def test_a_request_that_got_no_answer_is_transient():
    error = EndpointConnectionError(endpoint_url="http://127.0.0.1:9")

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
    error = ClientError({"Error": {"Code": code, "Message": "m"},
                         "ResponseMetadata": {"HTTPStatusCode": status}}, "GetObject")

    translated = translate_client_error(error, f"s3://{BUCKET}/{KEY}", "GetObject")

    assert type(translated) is family
    assert translated.received == received


def test_access_denied_keeps_the_message_naming_action_resource_and_role():
    message = (
        "User: arn:aws:sts::000000000000:assumed-role/job-role/j-1 is not authorized to perform: "
        "s3:PutObject on resource: arn:aws:s3:::data/k because no identity-based policy allows "
        "the s3:PutObject action"
    )
    error = ClientError({"Error": {"Code": "AccessDenied", "Message": message}}, "PutObject")

    translated = translate_client_error(error, "s3://data/k", "PutObject")

    assert "PutObject failed with AccessDenied" in str(translated)
    assert message in str(translated)
