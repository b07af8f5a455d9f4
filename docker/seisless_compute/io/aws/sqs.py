"""SQS over :class:`~seisless_compute.io.aws.transport.Transport`, in the JSON protocol
(``X-Amz-Target: AmazonSQS.<Action>``) that botocore >= 1.34 speaks, fauxqs of the local cloud
serves and moto accepts. An error's code is the query-protocol one of ``x-amzn-query-error``
when given (``AWS.SimpleQueueService.NonExistentQueue``), as botocore reports it, else the
``__type`` after its ``#``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

from seisless_compute.io.aws.endpoints import (
    custom_endpoint,
    regional_endpoint,
    resolve_region,
    shared_credentials,
)
from seisless_compute.io.aws.sigv4 import payload_hash
from seisless_compute.io.aws.transport import Transport

__all__ = ["SqsClient"]


def sqs_error(status: int, headers: Mapping[str, str], body: bytes) -> tuple[str, str]:
    """The code and message of an SQS error answer."""
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        value = {}
    value = value if isinstance(value, dict) else {}
    message = str(value.get("message") or value.get("Message") or "")
    query_code = headers.get("x-amzn-query-error", "").split(";", 1)[0]
    code = query_code or str(value.get("__type", "")).rsplit("#", 1)[-1]
    return code or str(status), message


class SqsClient:
    """SQS actions against the region's (or the configured) endpoint.

    Parameters
    ----------
    region : str, optional
        Else ``AWS_REGION`` / ``AWS_DEFAULT_REGION`` of ``environ``.
    environ : Mapping, optional
        Where the endpoint and credentials are read (``os.environ``).
    **transport
        ``attempts``, ``connect_timeout``, ``read_timeout`` of every request.
    """

    def __init__(self, region: str | None = None, environ: Mapping[str, str] | None = None,
                 **transport) -> None:
        environ = os.environ if environ is None else environ
        self.region = resolve_region(region, environ)
        endpoint = custom_endpoint("sqs", environ) or regional_endpoint("sqs", self.region)
        self._transport = Transport(endpoint, "sqs", self.region,
                                    credentials=shared_credentials(environ), **transport)

    def call(self, action: str, params: dict) -> dict:
        """One action (``SendMessageBatch``, …) with its JSON parameters; returns its answer."""
        body = json.dumps(params).encode()
        headers = {"content-type": "application/x-amz-json-1.0",
                   "x-amz-target": f"AmazonSQS.{action}", "x-amzn-query-mode": "true",
                   "x-amz-content-sha256": payload_hash(body)}
        response = self._transport.request("POST", "/", action=action, body=body,
                                           headers=headers, error_code=sqs_error)
        return json.loads(response.body or b"{}")

    def send_message_batch(self, queue_url: str, entries: list[dict]) -> dict:
        """``SendMessageBatch``: ``{"Successful": [...], "Failed": [...]}``."""
        return self.call("SendMessageBatch", {"QueueUrl": queue_url, "Entries": entries})
