"""seisless compute package: Devito wave-equation tasks run by AWS Batch for every shot.

Run as ``python -m seisless_compute <task>``; see ``docker/README.md``. Importing the package
imports nothing heavy (Devito is imported by the tasks that need it).
"""
