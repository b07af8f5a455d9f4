"""Compiled operators shared through the data bucket, under ``cache/operators/<name>``.

``<name>`` is the local cache's file name: the operator kind and a hash of everything that
determines its machine code (``solvers.compiled.OperatorSet.key``), so an entry is only ever
found by a job that would compile the same code for the same instruction set. The first job to
compile an operator writes it with ``If-None-Match: *``: concurrent jobs compiling the same one
do not overwrite each other, and the loser's refusal is expected. The cache is an optimisation:
any failure to read or write it warns and the job goes on (compiling, or not sharing).
"""

from __future__ import annotations

import hashlib
import time
import warnings

from seisless_compute.errors import ConfigError
from seisless_compute.io.aws import AwsError, NoAnswerError
from seisless_compute.io.storage import S3Store

__all__ = ["OPERATOR_PREFIX", "BucketOperators"]

#: Key prefix of the shared operators in the data bucket (docs/contracts/storage.md).
OPERATOR_PREFIX = "cache/operators/"

_ABSENT = {"NoSuchKey", "404", "NotFound"}
_ALREADY_WRITTEN = {"PreconditionFailed", "412", "ConditionalRequestConflict", "409"}


def _code(error: Exception) -> str:
    response = getattr(error, "response", None)
    return str(response.get("Error", {}).get("Code", "")) if isinstance(response, dict) else ""


class BucketOperators:
    """The :class:`~seisless_compute.solvers.cache.SharedOperators` of one bucket.

    Parameters
    ----------
    store : S3Store
        The job's bucket (its client is reused; the bytes are not counted as task I/O, the time
        is part of the solver's ``compile_s``).
    prefix : str
        Key prefix, :data:`OPERATOR_PREFIX` by default.

    Attributes
    ----------
    fetch_s, publish_s : float
        Seconds spent reading and writing entries.
    """

    def __init__(self, store: S3Store, prefix: str = OPERATOR_PREFIX) -> None:
        self._store, self._prefix = store, prefix
        self.fetch_s = self.publish_s = 0.0

    def key(self, name: str) -> str:
        """The object key of entry ``name``."""
        return self._prefix + name

    def fetch(self, name: str) -> bytes | None:
        """The entry's bytes, None when absent, unreadable or not matching its SHA-256."""
        url, started = self._store.url(self.key(name)), time.perf_counter()
        try:
            found = self._store.client.get_object(self._store.bucket, self.key(name))
        except (AwsError, NoAnswerError, ConfigError) as error:
            if _code(error) not in _ABSENT:
                warnings.warn(f"{url}: shared operator not read ({error})", stacklevel=2)
            return None
        finally:
            self.fetch_s += time.perf_counter() - started
        body, expected = found.body, found.metadata.get("sha256")
        if expected != hashlib.sha256(body).hexdigest():
            warnings.warn(f"{url}: SHA-256 {expected!r} does not match the body; ignored",
                          stacklevel=2)
            return None
        return body

    def publish(self, name: str, body: bytes) -> None:
        """Write the entry unless one exists (``If-None-Match: *``); never raises."""
        url, started = self._store.url(self.key(name)), time.perf_counter()
        try:
            self._store.client.put_object(
                self._store.bucket, self.key(name), body, if_none_match=True,
                metadata={"sha256": hashlib.sha256(body).hexdigest()})
        except (AwsError, NoAnswerError, ConfigError) as error:
            if _code(error) not in _ALREADY_WRITTEN:
                warnings.warn(f"{url}: shared operator not written ({error})", stacklevel=2)
        finally:
            self.publish_s += time.perf_counter() - started
