"""SigV4 as AWS verifies it: the signature of the job's client is botocore's for the same
request, time and keys (botocore, a development requirement, is the reference here)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials as BotoCredentials
from seisless_compute.io.aws import Credentials
from seisless_compute.io.aws.sigv4 import UNSIGNED_PAYLOAD, payload_hash, sign

KEYS = {"access_key": "ASIAEXAMPLE0000000001", "secret_key": "c2VjcmV0/example+key",
        "token": "seisless-local.am9iLTE"}


def _botocore(auth_class, service: str, method: str, url: str, headers: dict,
              body: bytes = b"") -> tuple[str, datetime]:
    """botocore's Authorization header for the request, and the time it signed at."""
    credentials = BotoCredentials(KEYS["access_key"], KEYS["secret_key"], KEYS["token"])
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    # The job's client sends S3 payloads unsigned, as botocore may over HTTPS.
    request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
    auth_class(credentials, service, "eu-west-1").add_auth(request)
    stamp = datetime.strptime(request.headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return request.headers["Authorization"], stamp


@pytest.mark.parametrize("key", ["runs/demo/iterations/1/gradients/shot-3.npy",
                                 "cache/operators/forward-a=b+c d~e.pkl"])
def test_an_s3_range_get_is_signed_as_botocore_signs_it(key):
    # Arrange
    from urllib.parse import quote

    path = "/seisless-dev-data/" + quote(key, safe="/~")
    host = "s3.eu-west-1.amazonaws.com"
    headers = {"Range": "bytes=0-127"}
    expected, now = _botocore(S3SigV4Auth, "s3", "GET", f"https://{host}{path}", headers)

    # Act
    signed = sign("GET", path, {"host": host, "x-amz-content-sha256": UNSIGNED_PAYLOAD,
                                "range": "bytes=0-127", "user-agent": "seisless-compute"},
                  credentials=Credentials(**KEYS), region="eu-west-1", service="s3", now=now)

    # Assert
    assert signed["authorization"] == expected
    assert signed["x-amz-security-token"] == KEYS["token"]


def test_an_sqs_json_call_is_signed_as_botocore_signs_it():
    # Arrange
    body = b'{"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/1/q.fifo", "Entries": []}'
    host = "sqs.eu-west-1.amazonaws.com"
    headers = {"Content-Type": "application/x-amz-json-1.0",
               "X-Amz-Target": "AmazonSQS.SendMessageBatch",
               "X-Amz-Content-SHA256": payload_hash(body)}
    expected, now = _botocore(SigV4Auth, "sqs", "POST", f"https://{host}/", headers, body)

    # Act
    signed = sign("POST", "/", {"host": host, **{k.lower(): v for k, v in headers.items()}},
                  credentials=Credentials(**KEYS), region="eu-west-1", service="sqs", now=now)

    # Assert
    assert signed["authorization"] == expected
