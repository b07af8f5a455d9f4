"""The edge of the compute package: S3 objects, ``.npy``/SEG-Y codecs, the task file, SQS
reduction messages, MPI rank sharing and timings. Nothing here knows about physics."""
