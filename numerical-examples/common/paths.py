"""Where the paper's raw data are read from and where the figures are written.

The paper data live outside the repository, in ``../shared/paper-data/`` relative to the repository
root (the parent of ``numerical-examples/``). ``--data`` overrides it, then the environment variable
``SEISLESS_PAPER_DATA``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from common.errors import FiguresError

__all__ = ["DATA_ENV", "EXAMPLES_DIR", "REPO_ROOT", "default_out_dir", "resolve_data_dir"]

EXAMPLES_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = EXAMPLES_DIR.parent
DATA_ENV = "SEISLESS_PAPER_DATA"


def resolve_data_dir(option: str | None, env: Mapping[str, str] | None = None) -> Path:
    """Return the directory of the paper data.

    Parameters
    ----------
    option : str or None
        The ``--data`` option; it wins when given.
    env : Mapping[str, str], optional
        The environment (default ``os.environ``); ``SEISLESS_PAPER_DATA`` is used next.

    Returns
    -------
    Path
        An existing directory: ``--data``, else ``$SEISLESS_PAPER_DATA``, else
        ``<repo root>/../shared/paper-data``.

    Raises
    ------
    FiguresError
        If the chosen directory does not exist.
    """
    env = os.environ if env is None else env
    if option:
        subject, path = "--data", Path(option)
    elif env.get(DATA_ENV):
        subject, path = DATA_ENV, Path(env[DATA_ENV])
    else:
        subject, path = "default data directory", REPO_ROOT.parent / "shared" / "paper-data"
    path = path.expanduser().resolve()
    if not path.is_dir():
        raise FiguresError(subject, f"{path} is not a directory",
                           "the folder holding the paper's raw-timings CSV files and prices.csv")
    return path


def default_out_dir(experiment_dir: Path) -> Path:
    """Return the default output folder of an experiment: ``<experiment>/output/`` (git-ignored).

    Parameters
    ----------
    experiment_dir : Path
        The folder of the experiment's ``plot.py``.

    Returns
    -------
    Path
        ``experiment_dir / "output"``.
    """
    return experiment_dir / "output"
