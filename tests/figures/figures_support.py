"""Shared helpers of the figure tests (a module with a unique name, not ``conftest``).

The scripts live in ``numerical-examples/<experiment>/`` (hyphenated folders, not packages); their
modules have distinct names, so each folder is put on ``sys.path`` for the unit tests, together
with ``numerical-examples/`` itself for the ``common`` package.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "numerical-examples"


def put_examples_on_path() -> None:
    """Make ``common`` and every experiment's modules importable (idempotent)."""
    for folder in [EXAMPLES, *sorted(p.parent for p in EXAMPLES.glob("*/plot.py"))]:
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))


def run_script(experiment: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``numerical-examples/<experiment>/plot.py`` with arguments; return the process."""
    command = [sys.executable, str(EXAMPLES / experiment / "plot.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)
