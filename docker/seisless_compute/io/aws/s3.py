"""S3 objects over :class:`~seisless_compute.io.aws.transport.Transport`: GetObject (whole or a
byte range) and PutObject.

Addressing is path-style (``<endpoint>/<bucket>/<key>``) on a custom endpoint, as botocore
addresses an endpoint given by IP (s3rver of the local cloud, moto), and virtual-hosted
(``<bucket>.s3.<region>.amazonaws.com``) on AWS, path-style there for a bucket name with dots
(which its TLS certificate does not cover). Payloads are sent ``UNSIGNED-PAYLOAD`` (as botocore
does over HTTPS) with their CRC32 in ``x-amz-checksum-crc32``, which S3 checks: 16 ms for
40 MB, where a signed SHA-256 costs more and covers nothing more against corruption.
"""

from __future__ import annotations

import base64
import os
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from seisless_compute.io.aws.endpoints import (
    custom_endpoint,
    regional_endpoint,
    resolve_region,
    shared_credentials,
)
from seisless_compute.io.aws.sigv4 import UNSIGNED_PAYLOAD
from seisless_compute.io.aws.transport import Transport

__all__ = ["S3Client", "S3Object"]

_CODE = re.compile(rb"<Code>([^<]*)</Code>")
_MESSAGE = re.compile(rb"<Message>([^<]*)</Message>")


@dataclass(frozen=True)
class S3Object:
    """An object's bytes and its user metadata (``x-amz-meta-*``, names without the prefix)."""

    body: bytes
    metadata: dict[str, str] = field(default_factory=dict)


def s3_error(status: int, headers: Mapping[str, str], body: bytes) -> tuple[str, str]:
    """The code and message of an S3 error answer; a bodiless one's code is its status."""
    code, message = _CODE.search(body), _MESSAGE.search(body)
    if code is None:
        return str(status), ""
    return code.group(1).decode(), message.group(1).decode() if message else ""


class S3Client:
    """GetObject and PutObject against the bucket's endpoint.

    Parameters
    ----------
    region : str, optional
        Else ``AWS_REGION`` / ``AWS_DEFAULT_REGION`` of ``environ``.
    environ : Mapping, optional
        Where endpoints and credentials are read (``os.environ``).
    **transport
        ``attempts``, ``connect_timeout``, ``read_timeout`` of every request.

    Raises
    ------
    ConfigError
        When no region is set.
    """

    def __init__(self, region: str | None = None, environ: Mapping[str, str] | None = None,
                 **transport) -> None:
        environ = os.environ if environ is None else environ
        self.region = resolve_region(region, environ)
        self._endpoint = custom_endpoint("s3", environ)
        self._credentials = shared_credentials(environ)
        self._options = transport
        self._transports: dict[str, Transport] = {}

    def fork(self) -> S3Client:
        """A client of the same region, endpoint, credentials and options on connections of
        its own (a kept-alive connection carries one request at a time: one client per
        thread)."""
        twin = object.__new__(S3Client)
        twin.region, twin._endpoint = self.region, self._endpoint
        twin._credentials, twin._options = self._credentials, self._options
        twin._transports = {}
        return twin

    def close(self) -> None:
        """Close every kept-alive connection of this client."""
        for transport in self._transports.values():
            transport.close()

    def url(self, bucket: str, key: str) -> str:
        """Where a request for the object goes (endpoint and path, key percent-encoded)."""
        path = "/" + quote(key, safe="/~")
        if self._endpoint is not None:
            return f"{self._endpoint}/{bucket}{path}"
        if "." in bucket:
            return f"{regional_endpoint('s3', self.region)}/{bucket}{path}"
        return regional_endpoint("s3", self.region).replace("://", f"://{bucket}.", 1) + path

    def _route(self, bucket: str, key: str) -> tuple[Transport, str]:
        """The transport of the object's host and the request path."""
        parts = urlsplit(self.url(bucket, key))
        endpoint = f"{parts.scheme}://{parts.netloc}"
        transport = self._transports.get(endpoint)
        if transport is None:
            transport = Transport(endpoint, "s3", self.region, credentials=self._credentials,
                                  **self._options)
            self._transports[endpoint] = transport
        return transport, parts.path

    def get_object(self, bucket: str, key: str, byte_range: range | None = None) -> S3Object:
        """The object, or the half-open ``byte_range`` of it (one allocation of its size)."""
        headers = {"x-amz-content-sha256": UNSIGNED_PAYLOAD}
        if byte_range is not None:
            headers["range"] = f"bytes={byte_range.start}-{byte_range.stop - 1}"
        transport, path = self._route(bucket, key)
        response = transport.request("GET", path, action="GetObject", headers=headers,
                                     error_code=s3_error)
        metadata = {name[len("x-amz-meta-"):]: value for name, value in response.headers.items()
                    if name.startswith("x-amz-meta-")}
        return S3Object(response.body, metadata)

    def put_object(self, bucket: str, key: str, body: bytes, *,
                   content_type: str = "application/octet-stream", tagging: str | None = None,
                   metadata: Mapping[str, str] | None = None, if_none_match: bool = False) -> None:
        """Write an object in one PUT; ``if_none_match`` refuses to replace one (412)."""
        crc = base64.b64encode(zlib.crc32(body).to_bytes(4, "big")).decode()
        headers = {"x-amz-content-sha256": UNSIGNED_PAYLOAD, "content-type": content_type,
                   "x-amz-checksum-crc32": crc}
        if tagging is not None:
            headers["x-amz-tagging"] = tagging
        if if_none_match:
            headers["if-none-match"] = "*"
        for name, value in (metadata or {}).items():
            headers[f"x-amz-meta-{name}"] = value
        transport, path = self._route(bucket, key)
        transport.request("PUT", path, action="PutObject", body=body, headers=headers,
                          error_code=s3_error)
