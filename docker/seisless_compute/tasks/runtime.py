"""The process environment a compute job needs before Devito is imported."""

from __future__ import annotations

from collections.abc import MutableMapping

from seisless_compute.config import Config

__all__ = ["prepare_runtime"]


def prepare_runtime(environ: MutableMapping[str, str], config: Config) -> int:
    """Set the OpenMP thread count from the job's vCPUs, unless the job already set it.

    Devito's language, logging and MPI mode are the solvers' business
    (``seisless_compute.solvers.environment``); only the thread count comes from the job.

    Parameters
    ----------
    environ : MutableMapping[str, str]
        Usually ``os.environ``; must be prepared before ``devito`` is imported.
    config : Config
        Gives the vCPUs of the job (under MPI, one rank per node gets all of its vCPUs).

    Returns
    -------
    int
        The OpenMP thread count in effect.
    """
    environ.setdefault("OMP_NUM_THREADS", str(config.vcpus))
    threads = environ["OMP_NUM_THREADS"]
    return int(threads) if threads.isdigit() else config.vcpus
