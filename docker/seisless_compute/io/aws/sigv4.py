"""AWS Signature Version 4 of one request, in headers (the ``Authorization`` form).

Every header given is signed except ``User-Agent``; the canonical URI is the request path as
sent (already percent-encoded once, which is what S3 expects; SQS's JSON protocol posts to
``/``). The payload is named by its SHA-256 or ``UNSIGNED-PAYLOAD`` (``x-amz-content-sha256``),
as the caller chooses.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import quote

__all__ = ["UNSIGNED_PAYLOAD", "payload_hash", "sign"]

UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_UNSIGNED_HEADERS = {"user-agent", "expect", "x-amzn-trace-id"}


def payload_hash(body: bytes) -> str:
    """Hex SHA-256 of a request body."""
    return hashlib.sha256(body).hexdigest()


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _canonical_query(query: Mapping[str, str]) -> str:
    pairs = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in query.items())
    return "&".join(f"{k}={v}" for k, v in pairs)


def sign(method: str, path: str, headers: dict[str, str], *, credentials, region: str,
         service: str, query: Mapping[str, str] | None = None,
         now: datetime | None = None) -> dict[str, str]:
    """Headers of the signed request: ``headers`` plus date, token and ``Authorization``.

    Parameters
    ----------
    method, path : str
        The request line (``path`` percent-encoded, without the query).
    headers : dict
        Must hold ``host`` and ``x-amz-content-sha256``; names in any case.
    credentials : Credentials
        ``access_key``, ``secret_key`` and ``token`` (or None).
    region, service : str
        The credential scope (``us-east-1``, ``s3``).
    query : Mapping, optional
        The query parameters, unencoded.
    now : datetime, optional
        The signing time (UTC); the clock by default.
    """
    now = now or datetime.now(UTC)
    stamp, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    signed = {name.lower(): " ".join(str(value).split()) for name, value in headers.items()}
    signed["x-amz-date"] = stamp
    if credentials.token:
        signed["x-amz-security-token"] = credentials.token
    names = sorted(name for name in signed if name not in _UNSIGNED_HEADERS)
    canonical = "\n".join([
        method, path, _canonical_query(query or {}),
        "".join(f"{name}:{signed[name]}\n" for name in names), ";".join(names),
        signed["x-amz-content-sha256"],
    ])
    scope = f"{day}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    key = _hmac(("AWS4" + credentials.secret_key).encode(), day)
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    signed["authorization"] = (f"AWS4-HMAC-SHA256 Credential={credentials.access_key}/{scope}, "
                               f"SignedHeaders={';'.join(names)}, Signature={signature}")
    return signed
