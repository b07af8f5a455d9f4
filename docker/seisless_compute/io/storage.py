"""The S3 port of the tasks: get (whole or a byte range) and put, with I/O time accounted.

The client is :class:`~seisless_compute.io.aws.S3Client` (``io/aws``, which says why not
boto3); endpoints come from ``AWS_ENDPOINT_URL_S3``, so the same code talks to AWS, moto or the
embedded local cloud.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from seisless_compute.errors import (
    InputError,
    SeislessError,
    TransientError,
)
from seisless_compute.io.aws import AwsError, NoAnswerError, S3Client

__all__ = ["S3Store", "translate_client_error"]

_MISSING = {"NoSuchKey", "404", "NotFound"}
# As core's translateS3Error (packages/core/src/aws/s3Errors.ts): these codes, any 5xx, a 429 and
# a request that got no answer at all are worth a retry.
_TRANSIENT = {"SlowDown", "Throttling", "ThrottlingException", "RequestTimeout",
              "RequestTimeoutException", "TimeoutError", "InternalError", "ServiceUnavailable"}
_BAD_RANGE = {"InvalidRange", "416"}


def _status(response: dict, code: str) -> int | None:
    """The HTTP status of an error response (a bodiless answer's error code is the status)."""
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if isinstance(status, int):
        return status
    return int(code) if code.isdigit() else None


def _is_transient(response: dict, code: str) -> bool:
    status = _status(response, code)
    return not code or code in _TRANSIENT or (status is not None and (status >= 500 or status == 429))


def translate_client_error(error: Exception, subject: str, action: str) -> SeislessError:
    """Map a client's exception to the error family.

    Parameters
    ----------
    error : Exception
        An ``io.aws.AwsError`` (or botocore's ``ClientError``, of the same ``response`` shape)
        or an ``io.aws.NoAnswerError``.
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


#: Objects :meth:`S3Store.prefetch` reads at once, each on a connection of its own.
PREFETCH_CONNECTIONS = 6


class _Pending:
    """An object being read on another thread: its body, or its error, once ``done``."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.body: bytes | None = None
        self.error: BaseException | None = None


def _fetch_each(client, bucket: str, queue: list[tuple[str, _Pending]]) -> None:
    """Read the queue's objects one after another on ``client`` (a thread's own), then close
    its connection."""
    try:
        while True:
            try:
                key, pending = queue.pop()  # atomic: the threads share the queue
            except IndexError:
                return
            try:
                pending.body = client.get_object(bucket, key).body
            except BaseException as error:  # noqa: BLE001 - handed to the reader of the key
                pending.error = error
            finally:
                pending.done.set()
    finally:
        client.close()


class S3Store:
    """Objects of one bucket, with the time spent reading and writing accumulated.

    Parameters
    ----------
    bucket : str
        The run's bucket.
    client : S3Client, optional
        Created on first use when omitted.
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
        self._pending: dict[str, _Pending] = {}
        self._later: list[tuple[str, threading.Thread, dict]] = []  # writes not yet waited for

    @property
    def client(self):
        """The S3 client (created lazily; a missing region is a ``ConfigError``)."""
        if self._client is None:
            self._client = S3Client(self._region)
        return self._client

    def url(self, key: str) -> str:
        """``s3://bucket/key``, for messages."""
        return f"s3://{self.bucket}/{key}"

    def prefetch(self, keys: Iterable[str]) -> None:
        """Start reading whole objects at once, on other threads and connections; a later
        :meth:`get` of one of them waits for its body, or raises its error, as a GET would.

        Why: a job reads several objects before its first kernel, and every request waits for
        S3's first byte (tens of milliseconds on AWS); read together, they wait for it once.
        A key already pending is not read twice; a prefetched body is kept until its ``get``.
        """
        queue = [(key, _Pending()) for key in dict.fromkeys(keys) if key not in self._pending]
        if not queue:
            return
        self._pending.update(queue)
        queue.reverse()  # popped from the end: the first keys go first
        for _ in range(min(len(queue), PREFETCH_CONNECTIONS)):
            threading.Thread(target=_fetch_each, args=(self.client.fork(), self.bucket, queue),
                             daemon=True).start()

    def get(self, key: str, byte_range: range | None = None) -> bytes:
        """Read an object, or the half-open ``byte_range`` of it (a prefetched object is
        taken as read, once)."""
        started = time.perf_counter()
        pending = self._pending.pop(key, None) if byte_range is None else None
        try:
            if pending is not None:
                pending.done.wait()
                if pending.error is not None:
                    raise pending.error
            body = (pending.body if pending is not None
                    else self.client.get_object(self.bucket, key, byte_range).body)
        except (AwsError, NoAnswerError) as error:
            raise translate_client_error(error, self.url(key), "GetObject") from error
        finally:
            self.read_s += time.perf_counter() - started
        self.bytes_read += len(body)
        return body

    def put_later(self, key: str, body: bytes, *,
                  content_type: str = "application/octet-stream",
                  tagging: str | None = None) -> None:
        """Start writing an object in one PUT on another thread and connection, after the
        writes started before it; the next :meth:`put` or :meth:`flush` waits for them all.

        Why: an object the job computes on the way (a shot's background record ``F(m0)``, a few
        MB) is sent while the next kernel runs, not between the two.
        """
        previous = self._later[-1][1] if self._later else None
        client, outcome = self.client.fork(), {}

        def write() -> None:
            if previous is not None:
                previous.join()  # in the order they were started
            try:
                client.put_object(self.bucket, key, body, content_type=content_type,
                                  tagging=tagging)
            except BaseException as error:  # noqa: BLE001 - raised by flush, on the job's thread
                outcome["error"] = error
            finally:
                client.close()

        thread = threading.Thread(target=write, daemon=True)
        thread.start()
        self._later.append((key, thread, outcome))
        self.bytes_written += len(body)

    @property
    def has_later_writes(self) -> bool:
        """Whether writes :meth:`put_later` started have not been waited for."""
        return bool(self._later)

    def flush(self) -> None:
        """Wait for every write :meth:`put_later` started; raise the first failure as
        :meth:`put` would have raised it."""
        later, self._later = self._later, []
        if not later:
            return
        started = time.perf_counter()
        later[-1][1].join()  # each write waits for the one before it
        self.write_s += time.perf_counter() - started
        for key, _, outcome in later:
            error = outcome.get("error")
            if isinstance(error, AwsError | NoAnswerError):
                raise translate_client_error(error, self.url(key), "PutObject") from error
            if error is not None:
                raise error

    def put(self, key: str, body: bytes, *, content_type: str = "application/octet-stream",
            tagging: str | None = None) -> None:
        """Write an object in one PUT (S3 makes it visible whole or not at all), after the
        writes :meth:`put_later` started.

        ``tagging`` is the object's tag set, URL-query encoded (``retention.SCRATCH_TAGGING``).
        """
        self.flush()
        started = time.perf_counter()
        try:
            self.client.put_object(self.bucket, key, body, content_type=content_type,
                                   tagging=tagging)
        except (AwsError, NoAnswerError) as error:
            raise translate_client_error(error, self.url(key), "PutObject") from error
        finally:
            self.write_s += time.perf_counter() - started
        self.bytes_written += len(body)
