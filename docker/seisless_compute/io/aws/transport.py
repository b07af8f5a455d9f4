"""Signed requests to one AWS endpoint over kept-alive connections, retried as botocore's
``standard`` mode retries them.

A request is tried up to 5 times. It is retried after no answer (refused or reset connection,
timeout), a 500/502/503/504, or a throttling or transient error code; the wait before try ``n``
(n >= 2) is uniform in ``[0, 2**(n-2))`` seconds, capped at 20 s. A kept-alive connection the
server closed in between is reopened at once without counting a try. Errors keep botocore's
shape (``error.response["Error"]["Code"]``, ``["ResponseMetadata"]["HTTPStatusCode"]``), which
``io.storage.translate_client_error`` reads.
"""

from __future__ import annotations

import http.client
import random
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from seisless_compute.io.aws.sigv4 import sign

__all__ = ["AwsError", "NoAnswerError", "Response", "Transport", "tls_context"]

RETRYABLE_CODES = frozenset({
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "Throttling",
    "ThrottlingException", "ThrottledException", "RequestThrottledException", "SlowDown",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
    "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
    "TransactionInProgressException", "EC2ThrottledException",
})
RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})
_MAX_BACKOFF_S = 20.0
_USER_AGENT = "seisless-compute"
_pause = time.sleep  # the wait between tries (tests record it instead)
_tls_context: ssl.SSLContext | None = None
_tls_lock = threading.Lock()


def tls_context() -> ssl.SSLContext:
    """The one TLS context of every HTTPS connection of the process (verifying certificates
    against the system's authorities, as ``http.client``'s default does).

    Why one: building a context loads the authorities' certificates, 35 ms here, which every
    ``HTTPSConnection`` given none does again (S3, SQS and each connection reading inputs at
    once).
    """
    global _tls_context
    with _tls_lock:
        if _tls_context is None:
            _tls_context = ssl.create_default_context()
        return _tls_context


class AwsError(Exception):
    """An error answer of a service: its code, message and HTTP status, as botocore holds them."""

    def __init__(self, code: str, message: str, *, status: int, action: str) -> None:
        super().__init__(f"An error occurred ({code}) when calling the {action} operation: "
                         f"{message}" if message else f"{action} failed with {code} ({status})")
        self.code, self.status = code, status
        self.response = {"Error": {"Code": code, "Message": message},
                         "ResponseMetadata": {"HTTPStatusCode": status}}


class NoAnswerError(Exception):
    """No answer from the endpoint after every try (refused, reset, timed out)."""


@dataclass(frozen=True)
class Response:
    """A successful answer: status, headers (lower-case names) and the whole body."""

    status: int
    headers: dict[str, str]
    body: bytes


class Transport:
    """Requests to one endpoint (``https://host[:port]``), signed for ``service`` in ``region``.

    Parameters
    ----------
    endpoint : str
        Scheme and authority; a path is ignored.
    service, region : str
        The signing scope.
    credentials : CredentialChain
        Where the signing keys come from.
    attempts : int
        Tries per request (5 as botocore's standard mode).
    connect_timeout, read_timeout : float
        Seconds.
    """

    def __init__(self, endpoint: str, service: str, region: str, *, credentials,
                 attempts: int = 5, connect_timeout: float = 10.0,
                 read_timeout: float = 120.0) -> None:
        parts = urlsplit(endpoint)
        self.scheme, self.host = parts.scheme, parts.netloc
        self.service, self.region, self._credentials = service, region, credentials
        self.attempts = attempts
        self._timeouts = (connect_timeout, read_timeout)
        self._connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, *, action: str, body: bytes = b"",
                headers: dict[str, str] | None = None, error_code) -> Response:
        """Send one request, retrying; raises ``AwsError`` or ``NoAnswerError``.

        ``error_code(status, headers, body) -> (code, message)`` reads a service's error answer.
        """
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                _pause(min(random.random() * 2 ** (attempt - 2), _MAX_BACKOFF_S))
            try:
                response = self._exchange(method, path, body=body, headers=headers or {})
            except (OSError, http.client.HTTPException) as error:
                if attempt == self.attempts:
                    raise NoAnswerError(f"no answer from {self.scheme}://{self.host} "
                                        f"({type(error).__name__}: {error})") from error
                continue
            if response.status < 300:
                return response
            code, message = error_code(response.status, response.headers, response.body)
            failure = AwsError(code, message, status=response.status, action=action)
            retryable = response.status in RETRYABLE_STATUSES or code in RETRYABLE_CODES
            if not retryable or attempt == self.attempts:
                raise failure
        raise AssertionError("unreachable")

    def _exchange(self, method: str, path: str, *, body: bytes, headers: dict) -> Response:
        """One try: on a kept-alive connection the server dropped, one more on a fresh one."""
        reused = self._connection is not None
        try:
            return self._send(method, path, body=body, headers=headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.close()
            if not reused:
                raise
            return self._send(method, path, body=body, headers=headers)
        except BaseException:
            self.close()
            raise

    def _send(self, method: str, path: str, *, body: bytes, headers: dict) -> Response:
        connection = self._connect()
        signed = sign(method, path, {"host": self.host, "user-agent": _USER_AGENT, **headers},
                      credentials=self._credentials.get(), region=self.region,
                      service=self.service)
        if body or method in ("PUT", "POST"):
            signed["content-length"] = str(len(body))
        connection.request(method, path, body=body if body else None, headers=signed)
        response = connection.getresponse()
        data = response.read()
        if response.will_close:
            self.close()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            connect_s, read_s = self._timeouts
            if self.scheme == "https":
                connection = http.client.HTTPSConnection(self.host, timeout=connect_s,
                                                         context=tls_context())
            else:
                connection = http.client.HTTPConnection(self.host, timeout=connect_s)
            connection.connect()
            connection.sock.settimeout(read_s)
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._connection = connection
        return self._connection

    def close(self) -> None:
        """Close the kept-alive connection, if any."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

