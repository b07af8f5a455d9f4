"""Start and stop ``npm run cloud`` (the local cloud, every service deployed) for a benchmark."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from common.errors import FiguresError
from common.paths import REPO_ROOT

__all__ = ["LocalCloud"]

SHARED_CACHE = REPO_ROOT / ".seisless" / "cache"


class LocalCloud:
    """The local cloud as ``npm run cloud`` runs it, in its own process group.

    Parameters
    ----------
    data_dir : Path
        Its data folder (S3 objects, logs); the packaged services are reused from
        ``<repo>/.seisless/cache`` when it exists.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env: dict[str, str] = {}
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> LocalCloud:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = ["node", "--import", "tsx", str(REPO_ROOT / "scripts/local-cloud/main.ts"),
                   "--data-dir", str(self.data_dir)]
        if SHARED_CACHE.is_dir():
            command += ["--cache-dir", str(SHARED_CACHE)]
        log = (self.data_dir / "cloud.log").open("w")
        self._process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE,
                                         stderr=log, text=True, start_new_session=True)
        line = self._process.stdout.readline()
        if not line.startswith("{"):
            self.__exit__(None, None, None)
            raise FiguresError("npm run cloud", f"printed {line!r}",
                               f"its endpoints as one JSON line (see {self.data_dir}/cloud.log)")
        printed = json.loads(line)
        self.env = {k: str(v) for k, v in printed.items() if k.isupper()}
        return self

    def apply(self) -> None:
        """Point this process's AWS clients at the local cloud (endpoints, region, credentials)."""
        os.environ.update(self.env)

    def __exit__(self, *exc) -> None:
        if self._process is None:
            return
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()
        self._process = None
