"""The simulation's inputs: this system's measured figures, the scenario, the paper's distributions.

* :func:`load_inputs` reads ``measured.json`` (what was measured here, with command and date) and
  ``scenario.json`` (the BP geometry, the instance and every assumption), both next to this file.
* :class:`KernelModel` turns them into a job's wall time at paper scale.
* :class:`PaperDistributions` holds the paper's measured start-up (created → started) vectors per
  run and container runtimes per batch size (``weak_scaling.csv``), which the simulation draws from.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from common.errors import DataError, SchemaError

__all__ = ["KernelModel", "PaperDistributions", "load_inputs", "load_json"]

HERE = Path(__file__).resolve().parent
MEASURED_JSON = HERE / "measured.json"
SCENARIO_JSON = HERE / "scenario.json"


def load_json(path: Path, sections: tuple[str, ...]) -> dict:
    """Read a JSON input file and check that it has the named sections."""
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as error:
        raise SchemaError(str(path), str(error), "a JSON object of inputs") from error
    missing = [name for name in sections if name not in data]
    if missing:
        raise SchemaError(str(path), f"missing section(s) {', '.join(missing)}",
                          f"sections {', '.join(sections)}")
    return data


def load_inputs(measured: Path = MEASURED_JSON,
                scenario: Path = SCENARIO_JSON) -> tuple[dict, dict]:
    """Return ``(measured, scenario)`` as dicts."""
    return (load_json(measured, ("kernel", "accumulator")),
            load_json(scenario, ("bp_model", "instance", "reducer", "orchestration",
                                 "paper_reducer", "spot", "case_study", "replay")))


@dataclass(frozen=True)
class KernelModel:
    """A job's time at paper scale from the kernel rate measured here.

    Attributes
    ----------
    points : int
        Grid points of one job's window, absorbing layer included.
    time_steps : int
        Computational time steps.
    gpts : float
        Kernel rate on the instance, GPts/s: the rate measured here × min(threads ratio,
        bandwidth ratio) (memory-bound on a many-core server, core-bound here).
    wall_over_kernel : float
        Measured job wall / kernel time (warm compile cache).
    io_s : float
        Seconds of S3 transfers per job.
    propagations : dict
        Wavefields advanced per step, per job kind.
    """

    points: int
    time_steps: int
    gpts: float
    wall_over_kernel: float
    io_s: float
    propagations: dict

    @classmethod
    def from_inputs(cls, measured: dict, scenario: dict) -> KernelModel:
        """Derive the model from ``measured.json`` and ``scenario.json``."""
        bp, inst, kernel = scenario["bp_model"], scenario["instance"], measured["kernel"]
        nx, nz = bp["shape"]
        window = math.ceil(nx * bp["aperture_window_m"] / bp["model_extent_m"])
        points = (min(window, nx) + 2 * bp["nbl"]) * (nz + 2 * bp["nbl"])
        time_steps = math.ceil(bp["recording_time_ms"] / bp["dt_ms"]) + 1
        scale = min(inst["threads"] / kernel["threads"], inst["triad_GBps"] / kernel["triad_GBps"])
        if scale <= 0:
            raise DataError("scenario.json instance", f"scale {scale}", "a positive rate ratio")
        return cls(points=points, time_steps=time_steps, gpts=kernel["kernel_gpts_3d_so8"] * scale,
                   wall_over_kernel=kernel["wall_over_kernel_warm"],
                   io_s=bp["gradient_io_mb"] / inst["s3_MBps"],
                   propagations=dict(bp["propagations"]))

    def kernel_s(self, kind: str) -> float:
        """Kernel seconds of one job of ``kind`` (``gradient`` or ``born_norm``)."""
        return self.propagations[kind] * self.points * self.time_steps / (self.gpts * 1e9)

    def job_s(self, kind: str) -> float:
        """Container seconds of one job: kernel × wall/kernel + S3 transfers."""
        return self.kernel_s(kind) * self.wall_over_kernel + self.io_s


@dataclass(frozen=True)
class PaperDistributions:
    """The paper's measured weak-scaling jobs, per batch size.

    Attributes
    ----------
    startup : dict
        Batch size -> list of per-run arrays of created → started seconds.
    runtime : dict
        Batch size -> array of every job's stopped − started seconds.
    relative : dict
        Batch size -> array of every job's runtime / its run's mean runtime.
    gaps : dict
        Batch size -> array of per-run (image written − last job stopped) seconds.
    """

    startup: dict
    runtime: dict
    relative: dict
    gaps: dict

    @classmethod
    def from_csv(cls, path: Path) -> PaperDistributions:
        """Read ``weak_scaling.csv`` (duplicate files dropped)."""
        raw = pd.read_csv(path)
        if "duplicate_of" in raw.columns:
            copy = raw["duplicate_of"]
            marked = copy.notna() & (copy.astype(str).str.strip() != "")
            raw = raw[~marked]
        startup, runtime, relative, gaps = {}, {}, {}, {}
        for n, rows in raw.groupby("instances"):
            runs = [r for _, r in rows.groupby("run")]
            startup[int(n)] = [(r["started_s"] - r["created_s"]).to_numpy() for r in runs]
            runtime[int(n)] = (rows["stopped_s"] - rows["started_s"]).to_numpy()
            relative[int(n)] = np.concatenate([
                ((r["stopped_s"] - r["started_s"]) / (r["stopped_s"] - r["started_s"]).mean())
                .to_numpy() for r in runs])
            gaps[int(n)] = np.array([r["image_modified_s"].iloc[0] - r["stopped_s"].max()
                                     for r in runs])
        return cls(startup=startup, runtime=runtime, relative=relative, gaps=gaps)

    def nearest(self, n: int) -> int:
        """Return the measured batch size nearest to ``n`` on a log scale (larger on a tie)."""
        sizes = sorted(self.startup)
        return min(sizes, key=lambda s: (abs(math.log2(s) - math.log2(n)), -s))

    def draw_startup(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Draw the start-up delays of ``n`` jobs from one measured run of the nearest size.

        The run's delays are shuffled (same size) or drawn with replacement (another size); the
        run is the unit because its jobs share the instance provisioning.
        """
        runs = self.startup[self.nearest(n)]
        run = runs[rng.integers(len(runs))]
        return rng.permutation(run) if len(run) == n else rng.choice(run, size=n)

    def draw_runtime(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Draw container runtimes of ``n`` jobs from the nearest size's jobs."""
        return rng.choice(self.runtime[self.nearest(n)], size=n)

    def draw_relative(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Draw runtime / run mean of ``n`` jobs (the paper's spread between shots, instances)."""
        return rng.choice(self.relative[self.nearest(n)], size=n)
