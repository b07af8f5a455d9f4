"""The job's client against moto's S3 and SQS: what the tasks write is what S3 holds (tags,
metadata, conditional writes, byte ranges), and reduction messages arrive whole."""

from __future__ import annotations

import json

import pytest
from seisless_compute.errors import SeislessError, TransientError
from seisless_compute.io.aws import AwsError, S3Client, SqsClient
from seisless_compute.io.messages import SqsSender


def test_a_tagged_object_with_metadata_reads_back_whole_and_by_range(cloud):
    # Arrange
    client = S3Client(environ=cloud.env(""))
    body = bytes(range(256)) * 4096
    # Act
    client.put_object(cloud.bucket, "runs/t/a b+c.bin", body, tagging="retention=scratch",
                      metadata={"sha256": "abc"})
    whole = client.get_object(cloud.bucket, "runs/t/a b+c.bin")
    part = client.get_object(cloud.bucket, "runs/t/a b+c.bin", range(1000, 1010))
    # Assert
    assert whole.body == body and whole.metadata == {"sha256": "abc"}
    assert part.body == body[1000:1010]
    tags = cloud.s3.get_object_tagging(Bucket=cloud.bucket, Key="runs/t/a b+c.bin")["TagSet"]
    assert tags == [{"Key": "retention", "Value": "scratch"}]


def test_a_conditional_write_never_replaces_an_object(cloud):
    client = S3Client(environ=cloud.env(""))
    client.put_object(cloud.bucket, "k", b"first", if_none_match=True)

    with pytest.raises(AwsError) as raised:
        client.put_object(cloud.bucket, "k", b"second", if_none_match=True)

    assert raised.value.status == 412 and cloud.get("k") == b"first"


def test_every_entry_of_a_long_list_reaches_the_fifo_queue(cloud):
    # Arrange
    entries = [{"Id": str(i), "MessageBody": json.dumps({"chunk": i}),
                "MessageGroupId": f"g-{i}", "MessageDeduplicationId": f"d-{i}"}
               for i in range(23)]
    sender = SqsSender(cloud.queue_url, SqsClient(environ=cloud.env("")))
    # Act
    sender.send(entries)
    # Assert
    received = sorted(json.loads(m["Body"])["chunk"] for m in cloud.messages(wait_s=1.5))
    assert received == list(range(23))


def test_a_missing_queue_is_not_worth_a_retry(cloud):
    missing = cloud.queue_url.replace("-reducer.fifo", "-gone.fifo")
    sender = SqsSender(missing, SqsClient(environ=cloud.env("")))
    entry = {"Id": "0", "MessageBody": "{}", "MessageGroupId": "g", "MessageDeduplicationId": "d"}

    with pytest.raises(SeislessError) as raised:
        sender.send([entry])

    assert not isinstance(raised.value, TransientError)
    assert "NonExistentQueue" in raised.value.received, raised.value.received
