"""The job's AWS credentials, found as the SDKs' default chain finds them on AWS Batch.

In order: the environment (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
``AWS_SESSION_TOKEN``); the ECS/Batch container endpoint
(``AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`` or ``_FULL_URI``, with
``AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]``); the EC2 instance metadata service, IMDSv2
(unless ``AWS_EC2_METADATA_DISABLED=true``). Credentials with an expiry are fetched again when
less than five minutes remain.

A configured container endpoint that does not answer, or answers 5xx, after three tries is a
``NoAnswerError`` (transient: Batch retries the job); one that refuses (4xx) or answers
nonsense is a ``ConfigError`` naming its variable, as is finding no credentials anywhere.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from seisless_compute.errors import ConfigError
from seisless_compute.io.aws.transport import NoAnswerError

__all__ = ["CredentialChain", "Credentials"]

_CONTAINER_HOST = "http://169.254.170.2"
_IMDS = "http://169.254.169.254"
_ROLE_PATH = "/latest/meta-data/iam/security-credentials/"
_REFRESH_S = 300.0
_TIMEOUT_S = 2.0  # the container endpoint's, per try
_IMDS_TIMEOUT_S = 1.0  # botocore's: off EC2, the chain's last resort fails this fast
_CONTAINER_TRIES = 3


class _Refused(Exception):
    """A credentials endpoint answered with a 4xx."""


@dataclass(frozen=True)
class Credentials:
    """An access key pair, its session token and when it expires (epoch seconds, or None)."""

    access_key: str
    secret_key: str
    token: str | None = None
    expires_at: float | None = None


def _get(url: str, headers: dict[str, str], *, method: str = "GET",
         timeout: float = _TIMEOUT_S) -> str:
    """One small request to a credentials endpoint (plain HTTP, short timeout)."""
    import http.client

    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.netloc, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target or "/", headers=headers)
        response = connection.getresponse()
        body = response.read().decode()
    finally:
        connection.close()
    if response.status != 200:
        kind = _Refused if 400 <= response.status < 500 else OSError
        raise kind(f"{url} answered {response.status}: {body[:200]}")
    return body


def _parse(body: str) -> Credentials:
    value = json.loads(body)
    expiry = value.get("Expiration")
    return Credentials(
        access_key=value["AccessKeyId"], secret_key=value["SecretAccessKey"],
        token=value.get("Token") or value.get("SessionToken"),
        expires_at=datetime.fromisoformat(expiry).timestamp()
        if expiry else None,
    )


class CredentialChain:
    """Resolves credentials once and keeps them until five minutes before they expire.

    Parameters
    ----------
    environ : Mapping[str, str]
        The process environment.
    """

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._env = environ
        self._current: Credentials | None = None
        self._resolving = threading.Lock()  # clients on several threads resolve once

    def get(self) -> Credentials:
        """The credentials to sign with.

        Raises
        ------
        ConfigError
            When no source of the chain gave any, naming the variables looked at.
        """
        with self._resolving:
            current = self._current
            if current is None or (current.expires_at is not None
                                   and current.expires_at - time.time() < _REFRESH_S):
                self._current = current = self._resolve()
            return current

    def _resolve(self) -> Credentials:
        found = self._from_environment() or self._from_container()
        if found is not None:
            return found
        failure = ""
        try:
            found = self._from_instance()
        except (OSError, ValueError, KeyError, IndexError, _Refused) as error:
            failure = f" (instance metadata: {error})"
        if found is not None:
            return found
        raise ConfigError(
            "AWS_ACCESS_KEY_ID", f"no credentials found{failure}",
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN), "
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI (an ECS/Batch task role), or "
            "an EC2 instance profile")

    def _from_environment(self) -> Credentials | None:
        key, secret = self._env.get("AWS_ACCESS_KEY_ID"), self._env.get("AWS_SECRET_ACCESS_KEY")
        if not key or not secret:
            return None
        token = self._env.get("AWS_SESSION_TOKEN") or self._env.get("AWS_SECURITY_TOKEN")
        return Credentials(key, secret, token or None)

    def _from_container(self) -> Credentials | None:
        relative = self._env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        name = ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI" if relative
                else "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        url = _CONTAINER_HOST + relative if relative else self._env.get(name)
        if not url:
            return None
        headers = {}
        token_file = self._env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
        token = (Path(token_file).read_text().strip() if token_file
                 else self._env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"))
        if token:
            headers["Authorization"] = token
        for attempt in range(_CONTAINER_TRIES):
            try:
                return _parse(_get(url, headers))
            except OSError as error:
                if attempt == _CONTAINER_TRIES - 1:
                    raise NoAnswerError(f"task-role credentials from {url}: {error}") from error
                time.sleep(0.1 * 2**attempt)
            except (ValueError, KeyError, _Refused) as error:
                raise ConfigError(name, f"{url} gave no credentials ({error})",
                                  "the task role's credentials endpoint") from error
        return None

    def _from_instance(self) -> Credentials | None:
        if self._env.get("AWS_EC2_METADATA_DISABLED", "").lower() == "true":
            return None
        base = self._env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT", _IMDS).rstrip("/")
        token = _get(base + "/latest/api/token", {"X-aws-ec2-metadata-token-ttl-seconds": "21600"},
                     method="PUT", timeout=_IMDS_TIMEOUT_S)
        headers = {"X-aws-ec2-metadata-token": token}
        role = _get(base + _ROLE_PATH, headers, timeout=_IMDS_TIMEOUT_S).splitlines()[0].strip()
        return _parse(_get(base + _ROLE_PATH + role, headers, timeout=_IMDS_TIMEOUT_S))
