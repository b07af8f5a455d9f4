"""Region and endpoint of a service, from the variables the AWS SDKs read.

``AWS_ENDPOINT_URL_<SERVICE>`` (``AWS_ENDPOINT_URL_S3``, ``AWS_ENDPOINT_URL_SQS``), else
``AWS_ENDPOINT_URL``, else the service's regional endpoint on AWS.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from seisless_compute.errors import ConfigError
from seisless_compute.io.aws.credentials import CredentialChain

__all__ = ["custom_endpoint", "regional_endpoint", "resolve_region", "shared_credentials"]

_shared: CredentialChain | None = None


def resolve_region(region: str | None, environ: Mapping[str, str]) -> str:
    """``region``, else ``AWS_REGION``, else ``AWS_DEFAULT_REGION``.

    Raises
    ------
    ConfigError
        When none is set (Batch sets ``AWS_REGION``; a task run by hand may not).
    """
    found = region or environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION")
    if not found or not found.strip():
        raise ConfigError("AWS_REGION", "unset (nor AWS_DEFAULT_REGION)",
                          "an AWS region such as us-east-1")
    return found.strip()


def custom_endpoint(service: str, environ: Mapping[str, str]) -> str | None:
    """The endpoint URL configured for ``service`` (``s3``, ``sqs``), without a trailing slash."""
    for name in (f"AWS_ENDPOINT_URL_{service.upper()}", "AWS_ENDPOINT_URL"):
        value = environ.get(name, "").strip()
        if value:
            return value.rstrip("/")
    return None


def regional_endpoint(service: str, region: str) -> str:
    """``https://<service>.<region>.amazonaws.com`` (``.com.cn`` in the China regions)."""
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"https://{service}.{region}.{suffix}"


def shared_credentials(environ: Mapping[str, str]) -> CredentialChain:
    """One credential chain for every client of this process' environment (a task-role fetch
    happens once), a fresh one for another mapping."""
    global _shared
    if environ is not os.environ:
        return CredentialChain(environ)
    if _shared is None:
        _shared = CredentialChain(os.environ)
    return _shared
