"""A small S3 and SQS client for the job path: SigV4, the Batch credential chain, retries.

Why not boto3: a job is a fresh process, and importing boto3 and creating its client cost more
than half of the fixed cost issue 18 allows before the first kernel (0.4 s, of which interpreter
start-up is 0.13 s). Measured in fresh processes (import + client creation + one 1 MiB GET from
a moto server on the development machine, medians of 7, ms; ours includes importing
``io.storage``):

==========================  ======  ======  ===  =====
client                      import  client  GET  total
==========================  ======  ======  ===  =====
boto3 1.44.5                   130     108   10    252
botocore 1.44.5 alone          116      72   12    199
minio 7.2.20 (S3 only)         154       0    7    162
io/aws (this package)           33       0    6     39
==========================  ======  ======  ===  =====

In a real ``observe`` job against moto the ``config`` phase (configuration, client, reading the
task file) went from 196 ms to 5 ms (medians of 5). botocore alone saves little: its cost is
loading service models and endpoint rules, not boto3's layer. ``minio`` covers S3 only (no SQS),
and its import (urllib3, pycryptodome, argon2) costs more than this package. The job needs
GetObject, PutObject, SendMessageBatch and Batch's credential chain, which fit in ~700 lines
(docstrings included) over ``http.client``, itself 15 ms of the 33 (it imports ``email``, ``ssl``).
"""

from seisless_compute.io.aws.credentials import CredentialChain, Credentials
from seisless_compute.io.aws.s3 import S3Client, S3Object
from seisless_compute.io.aws.sqs import SqsClient
from seisless_compute.io.aws.transport import AwsError, NoAnswerError

__all__ = ["AwsError", "CredentialChain", "Credentials", "NoAnswerError", "S3Client", "S3Object",
           "SqsClient"]
