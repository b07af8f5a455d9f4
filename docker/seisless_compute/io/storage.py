"""The S3 port of the tasks: get (whole or a byte range) and put, with I/O time accounted.

``boto3`` is imported on first use; endpoints come from ``AWS_ENDPOINT_URL_S3`` (boto3 reads it
itself), so the same code talks to AWS, moto or the embedded local cloud.
"""

from __future__ import annotations

import time

from seisless_compute.errors import (
    ConfigError,
    InputError,
    SeislessError,
    TransientError,
)

__all__ = ["S3Store", "make_client", "translate_client_error"]

_MISSING = {"NoSuchKey", "404", "NotFound"}
# As core's translateS3Error (packages/core/src/aws/s3Errors.ts): these codes, any 5xx, a 429 and
# a request that got no answer at all are worth a retry.
_TRANSIENT = {"SlowDown", "Throttling", "ThrottlingException", "RequestTimeout",
              "RequestTimeoutException", "TimeoutError", "InternalError", "ServiceUnavailable"}
_BAD_RANGE = {"InvalidRange", "416"}


def _status(response: dict, code: str) -> int | None:
    """The HTTP status of a botocore error response (a HEAD's error code is the status)."""
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if isinstance(status, int):
        return status
    return int(code) if code.isdigit() else None


def _is_transient(response: dict, code: str) -> bool:
    status = _status(response, code)
    return not code or code in _TRANSIENT or (status is not None and (status >= 500 or status == 429))


def make_client(service: str, region: str | None = None):
    """A boto3 client with standard retries; endpoints come from ``AWS_ENDPOINT_URL_*``."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import NoRegionError

    config = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=10,
                    read_timeout=120)
    try:
        return boto3.client(service, region_name=region, config=config)
    except NoRegionError:
        # Batch sets AWS_REGION; a task run by hand may not: say which variable, not a traceback.
        raise ConfigError("AWS_REGION", "unset (nor AWS_DEFAULT_REGION, nor a profile region)",
                          "an AWS region such as us-east-1") from None


def translate_client_error(error: Exception, subject: str, action: str) -> SeislessError:
    """Map a botocore exception to the error family.

    Parameters
    ----------
    error : Exception
        A ``botocore.exceptions.ClientError`` or ``BotoCoreError``.
    subject : str
        What was being accessed (``s3://bucket/key`` or a queue URL).
    action : str
        What was attempted, e.g. ``"GetObject"``.

    Returns
    -------
    SeislessError
        ``InputError`` for a missing object or bucket and a range past the end;
        ``TransientError`` for throttling (``SlowDown``, ``Throttling*``, 429), any 5xx and a
        request that got no answer; else a plain ``SeislessError`` (exit 1).
    """
    response = getattr(error, "response", None)
    response = response if isinstance(response, dict) else {}
    code = str(response.get("Error", {}).get("Code", ""))
    if code in _MISSING:
        return InputError(subject, f"no such object ({action})", "an existing object")
    if code == "NoSuchBucket":
        return InputError(subject, f"no such bucket ({action})", "an existing bucket")
    if code in _BAD_RANGE:
        return InputError(subject, f"{action} failed with {code}", "a byte range inside the object")
    if _is_transient(response, code):
        return TransientError(subject, f"{action} failed: {error}", "a reachable service")
    # AWS's message names the action, the resource and the role of an AccessDenied: keep it.
    message = str(response.get("Error", {}).get("Message", ""))
    detail = f"{action} failed with {code}" + (f" ({message})" if message else "")
    return SeislessError(subject, detail, "an accessible resource")


class S3Store:
    """Objects of one bucket, with the time spent reading and writing accumulated.

    Parameters
    ----------
    bucket : str
        The run's bucket.
    client : object, optional
        A boto3 S3 client; created on first use when omitted.
    region : str, optional
        Region of the client created on first use.
    """

    def __init__(self, bucket: str, client=None, region: str | None = None) -> None:
        self.bucket = bucket
        self._client = client
        self._region = region
        self.read_s = 0.0
        self.write_s = 0.0
        self.bytes_read = 0
        self.bytes_written = 0

    @property
    def client(self):
        """The boto3 S3 client (created lazily)."""
        if self._client is None:
            self._client = make_client("s3", self._region)
        return self._client

    def url(self, key: str) -> str:
        """``s3://bucket/key``, for messages."""
        return f"s3://{self.bucket}/{key}"

    def get(self, key: str, byte_range: range | None = None) -> bytes:
        """Read an object, or the half-open ``byte_range`` of it."""
        from botocore.exceptions import BotoCoreError, ClientError

        started = time.perf_counter()
        extra = {}
        if byte_range is not None:
            extra["Range"] = f"bytes={byte_range.start}-{byte_range.stop - 1}"
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=key, **extra)["Body"].read()
        except (ClientError, BotoCoreError) as error:
            raise translate_client_error(error, self.url(key), "GetObject") from error
        finally:
            self.read_s += time.perf_counter() - started
        self.bytes_read += len(body)
        return body

    def put(self, key: str, body: bytes, *, content_type: str = "application/octet-stream",
            tagging: str | None = None) -> None:
        """Write an object in one PUT (S3 makes it visible whole or not at all).

        ``tagging`` is the object's tag set, URL-query encoded (``retention.SCRATCH_TAGGING``).
        """
        from botocore.exceptions import BotoCoreError, ClientError

        started = time.perf_counter()
        extra = {} if tagging is None else {"Tagging": tagging}
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=body, ContentType=content_type,
                                   **extra)
        except (ClientError, BotoCoreError) as error:
            raise translate_client_error(error, self.url(key), "PutObject") from error
        finally:
            self.write_s += time.perf_counter() - started
        self.bytes_written += len(body)
