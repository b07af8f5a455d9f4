"""What every task receives: the configuration, the task file, storage, ranks and a stopwatch."""

from __future__ import annotations

from dataclasses import dataclass

from seisless_compute.config import Config
from seisless_compute.io.ranks import Ranks
from seisless_compute.io.storage import S3Store
from seisless_compute.io.taskfile import TaskSpec, fill_shot
from seisless_compute.io.timings import Stopwatch

__all__ = ["JobContext"]


@dataclass
class JobContext:
    """One job: its environment, task file, bucket, MPI ranks and timings.

    Attributes
    ----------
    shot, batch_index : int or None
        The shot of a per-shot task and its position in ``spec.shots`` (``None`` for ``model``).
    """

    config: Config
    spec: TaskSpec
    store: S3Store
    ranks: Ranks
    watch: Stopwatch
    shot: int | None
    batch_index: int | None

    def input_key(self, name: str) -> str | None:
        """Key of input ``name`` with ``{shot}`` filled in, ``None`` when the file omits it."""
        template = self.spec.inputs.get(name)
        where = f"{self.spec.source}:inputs.{name}"
        return None if template is None else fill_shot(template, self.shot, where)

    def output_key(self, name: str) -> str:
        """Key of output ``name`` with ``{shot}`` filled in (the task file guarantees it)."""
        return fill_shot(self.spec.outputs[name], self.shot, f"{self.spec.source}:outputs.{name}")

    @property
    def grid_shape(self) -> tuple[int, ...]:
        """The model grid's shape (tasks that need it have a ``grid`` section)."""
        return self.spec.grid.shape
