"""Configuration of a compute job: the environment, read once, validated, frozen.

The variables are those of ``docs/contracts/jobs.md``; nothing else in the package reads
``os.environ`` for its configuration.
"""

from __future__ import annotations

import ctypes
import math
import os
import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from seisless_compute.errors import ConfigError, describe

__all__ = ["Config", "detect_vcpus", "keep_freed_memory", "limit_blas_threads", "load_config"]

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")
_FIFO_URL = re.compile(r"^https?://\S+\.fifo$")


@dataclass(frozen=True)
class Config:
    """The validated environment of one job.

    Attributes
    ----------
    bucket, task_key : str
        Where the task file lives (``SEISLESS_BUCKET``, ``SEISLESS_TASK_KEY``).
    shot, array_index : int or None
        ``SEISLESS_SHOT`` (a shot id) and ``AWS_BATCH_JOB_ARRAY_INDEX`` (an index into ``shots``).
    job_id : str or None
        ``AWS_BATCH_JOB_ID``; ``attempt`` is ``AWS_BATCH_JOB_ATTEMPT`` (1 when unset).
    reducer_queue_url : str or None
        ``SEISLESS_REDUCER_QUEUE_URL``, a FIFO queue URL (required by ``gradient`` only).
    vcpus : int
        ``SEISLESS_VCPUS``, else the CPUs this process may use (:func:`detect_vcpus`).
    cache_dir : Path
        ``SEISLESS_CACHE_DIR``, else ``~/.cache/seisless/devito``.
    region : str or None
        ``AWS_REGION``, else ``AWS_DEFAULT_REGION`` (both read as the AWS SDKs read them).
    """

    bucket: str
    task_key: str
    shot: int | None
    array_index: int | None
    job_id: str | None
    attempt: int
    reducer_queue_url: str | None
    vcpus: int
    cache_dir: Path
    region: str | None = None


def _text(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    return None if value is None or value.strip() == "" else value.strip()


def _required(env: Mapping[str, str], name: str, pattern: re.Pattern, *,
              expected: str) -> str:
    value = _text(env, name)
    if value is None or not pattern.match(value):
        raise ConfigError(name, "unset" if value is None else describe(value), expected)
    return value


def _integer(env: Mapping[str, str], name: str, minimum: int) -> int | None:
    value = _text(env, name)
    if value is None:
        return None
    if not re.fullmatch(r"\d+", value) or int(value) < minimum:
        raise ConfigError(name, describe(value), f"an integer >= {minimum}")
    return int(value)


def limit_blas_threads(environ: MutableMapping[str, str]) -> str:
    """Give numpy's BLAS (OpenBLAS, used by the record transforms) the job's threads, not the
    host's cores: ``OMP_NUM_THREADS``, else ``SEISLESS_VCPUS``, else :func:`detect_vcpus`,
    unless ``OPENBLAS_NUM_THREADS`` is set. Call it before numpy is imported.

    A 1-vCPU Batch container on a 96-core host would otherwise start 96 BLAS threads inside
    its CPU quota; on this 2-core machine two 1-vCPU jobs ran their transforms on four. The
    results do not depend on the count (dgemm splits rows and columns, never the sums).

    Returns
    -------
    str
        ``OPENBLAS_NUM_THREADS`` as now set.
    """
    for name in ("OMP_NUM_THREADS", "SEISLESS_VCPUS"):
        value = environ.get(name, "")
        if value.isdigit() and int(value) > 0:
            return environ.setdefault("OPENBLAS_NUM_THREADS", value)
    return environ.setdefault("OPENBLAS_NUM_THREADS", str(detect_vcpus()))


#: What :func:`keep_freed_memory` sets: (environment variable, glibc tunable, ``mallopt``
#: parameter, value in bytes).
_MALLOC_SETTINGS = (
    ("MALLOC_MMAP_THRESHOLD_", "glibc.malloc.mmap_threshold", -3, 256 << 20),  # M_MMAP_THRESHOLD
    ("MALLOC_TRIM_THRESHOLD_", "glibc.malloc.trim_threshold", -1, 1 << 30),  # M_TRIM_THRESHOLD
    ("MALLOC_TOP_PAD_", "glibc.malloc.top_pad", -2, 64 << 20),  # M_TOP_PAD
)


def keep_freed_memory(environ: Mapping[str, str]) -> dict[str, int]:
    """Have glibc's malloc keep freed memory for the next allocation instead of returning it.

    By default a block above the mmap threshold (128 KiB, raised up to 32 MiB as such blocks are
    freed) is a fresh ``mmap``, unmapped when freed, so a job faults in every 4 KiB page of each
    large temporary (records and their transforms, the resampled record, the model's padded
    copies: a few MiB each) again. Served from the heap (mapped only above 256 MiB), kept when
    freed (trimmed above 1 GiB) and grown 64 MiB at a time, they reuse pages already faulted in.
    Demo gradient job, 1 vCPU, fresh process, medians of 15 alternating runs: records 0.092 ->
    0.082 s, model 0.006 -> 0.002 s, the other compute parts +1.3 ms (``np.zeros`` of reused
    memory writes its zeros); peak RSS 735 -> 736 MiB (born-norm: 130 MiB both). Blocks above
    256 MiB, and the arrays solvers/hugepages.py maps itself (a history), keep their mappings.

    A setting whose ``MALLOC_*_`` variable or ``GLIBC_TUNABLES`` entry is given is left to it;
    without glibc's ``mallopt`` (musl accepts none, macOS has none) nothing is done.

    Parameters
    ----------
    environ : Mapping[str, str]
        Usually ``os.environ``.

    Returns
    -------
    dict[str, int]
        The settings made, by the name of their environment variable.
    """
    mallopt = _mallopt()
    if mallopt is None:
        return {}
    tunables = environ.get("GLIBC_TUNABLES", "")
    made = {}
    for variable, tunable, parameter, value in _MALLOC_SETTINGS:
        if variable not in environ and tunable not in tunables and mallopt(parameter, value) == 1:
            made[variable] = value
    return made


def _mallopt():
    """The C library's ``int mallopt(int, int)``, or None where it has none."""
    try:
        function = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def detect_vcpus() -> int:
    """CPUs available to this process: the affinity mask, capped by a cgroup CPU quota.

    Returns
    -------
    int
        At least 1.
    """
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    quota = _cgroup_quota()
    return max(1, min(count or 1, quota) if quota else (count or 1))


def _cgroup_quota() -> int | None:
    """The CPU quota of the cgroup (v2 ``cpu.max`` or v1 ``cfs_quota_us``), rounded up."""
    candidates = (
        ("/sys/fs/cgroup/cpu.max", None),
        ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"),
    )
    for quota_path, period_path in candidates:
        try:
            fields = Path(quota_path).read_text().split()
            if period_path is not None:
                fields.append(Path(period_path).read_text().strip())
        except OSError:
            continue
        if len(fields) >= 2 and fields[0] not in ("max", "-1"):
            return max(1, math.ceil(int(fields[0]) / int(fields[1])))
        return None
    return None


def load_config(env: Mapping[str, str], *, needs_queue: bool = False) -> Config:
    """Read and validate the job's environment.

    Parameters
    ----------
    env : Mapping[str, str]
        Usually ``os.environ``.
    needs_queue : bool
        Whether ``SEISLESS_REDUCER_QUEUE_URL`` is required (the ``gradient`` task).

    Returns
    -------
    Config

    Raises
    ------
    ConfigError
        Naming the first bad variable, what it held and the expected form.
    """
    bucket = _required(env, "SEISLESS_BUCKET", _BUCKET, expected="an S3 bucket name")
    task_key = _required(env, "SEISLESS_TASK_KEY", re.compile(r"^\S+$"),
                         expected="an S3 key of a task file")
    queue = _text(env, "SEISLESS_REDUCER_QUEUE_URL")
    if needs_queue or queue is not None:
        queue = _required(env, "SEISLESS_REDUCER_QUEUE_URL", _FIFO_URL,
                          expected="an SQS FIFO queue URL")
    cache = _text(env, "SEISLESS_CACHE_DIR")
    return Config(
        bucket=bucket,
        task_key=task_key,
        shot=_integer(env, "SEISLESS_SHOT", 0),
        array_index=_integer(env, "AWS_BATCH_JOB_ARRAY_INDEX", 0),
        job_id=_text(env, "AWS_BATCH_JOB_ID"),
        attempt=_integer(env, "AWS_BATCH_JOB_ATTEMPT", 1) or 1,
        reducer_queue_url=queue,
        vcpus=_integer(env, "SEISLESS_VCPUS", 1) or detect_vcpus(),
        cache_dir=Path(cache).expanduser() if cache else Path.home() / ".cache/seisless/devito",
        region=_text(env, "AWS_REGION") or _text(env, "AWS_DEFAULT_REGION"),
    )
