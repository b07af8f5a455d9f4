"""A small S3 and SQS client for the job path: SigV4, the Batch credential chain, retries.

Why not boto3: a job is a fresh process, and importing boto3 and creating its client cost more
than half of the fixed cost issue 18 allows before the first kernel (0.4 s, of which interpreter
start-up is 0.13 s). Measured in fresh processes (import + client creation + one 1 MiB GET from
a moto server on this machine, medians of 7, ms):

=========  ======  ======  ===  =====
client     import  client  GET  total
=========  ======  ======  ===  =====
MEASURED
=========  ======  ======  ===  =====

botocore alone saves little (its cost is loading service models and endpoint rules, not
boto3's layer); ``minio`` covers S3 only (no SQS), and its import alone (urllib3, pycryptodome,
argon2) costs more than this whole package. The job needs two S3 calls, one SQS call and the
credential chain of Batch, which fit in ~500 lines over ``http.client``.
"""

from seisless_compute.io.aws.credentials import CredentialChain, Credentials
from seisless_compute.io.aws.s3 import S3Client, S3Object
from seisless_compute.io.aws.sqs import SqsClient
from seisless_compute.io.aws.transport import AwsError, NoAnswerError

__all__ = ["AwsError", "CredentialChain", "Credentials", "NoAnswerError", "S3Client", "S3Object",
           "SqsClient"]
