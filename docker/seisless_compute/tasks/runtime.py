"""The process environment a compute job needs before Devito is imported."""

from __future__ import annotations

from collections.abc import MutableMapping

from seisless_compute.config import Config
from seisless_compute.io.ranks import Ranks

__all__ = ["prepare_runtime"]


def prepare_runtime(environ: MutableMapping[str, str], config: Config, ranks: Ranks) -> int:
    """Set threads, language and MPI mode for Devito, leaving values the job already set.

    Parameters
    ----------
    environ : MutableMapping[str, str]
        Usually ``os.environ``; must be prepared before ``devito`` is imported.
    config : Config
        Gives the vCPUs of the job (one MPI rank per node gets all of them).
    ranks : Ranks
        ``DEVITO_MPI`` is switched on when there is more than one rank.

    Returns
    -------
    int
        The OpenMP thread count in effect.
    """
    environ.setdefault("OMP_NUM_THREADS", str(config.vcpus))
    environ.setdefault("DEVITO_LANGUAGE", "openmp")
    environ.setdefault("DEVITO_LOGGING", "WARNING")
    if ranks.size > 1:
        environ.setdefault("DEVITO_MPI", "1")
    threads = environ["OMP_NUM_THREADS"]
    return int(threads) if threads.isdigit() else config.vcpus
