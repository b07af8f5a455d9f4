"""``python -m seisless_compute warm-cache SPEC.json …``: compile the operators of run specs
into the compile cache (``$SEISLESS_CACHE_DIR``), e.g. while an image is built.

A job finds an operator in the cache only when its key matches: grid shape, spacing and origin,
absorbing layer, receiver count, space order, and the compile target (``SEISLESS_MARCH``,
Devito's platform and ISA). So this reads the run specs the jobs will be made from and, for each,
runs every per-shot task's computation (observe, gradient, objective, born-norm, with the
algorithm and imaging condition of the spec) on the spec's grid with a few time steps and zero
data: the operators compiled are exactly those the tasks ask the solver for, with no list of
operator kinds to keep in step with the tasks. Operators already in the cache are not compiled
again, so a second run compiles nothing.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from seisless_compute.errors import ValidationError, describe

__all__ = ["Configuration", "configuration_of", "warm"]

#: Few time steps: ``nt`` is a run-time argument of the operators, not part of their key.
_RECORDING_MS = 10.0
_VP_KMS = 2.0


@dataclass(frozen=True)
class Configuration:
    """What of a run spec determines its jobs' operators (``packages/core`` runSpec.ts
    defaults for what the spec leaves out; origin 0, as the submitter writes task files)."""

    source: str
    shape: tuple[int, ...]
    spacing: tuple[float, ...]
    nrec: int
    space_order: int
    nbl: int
    checkpointing: bool
    imaging_condition: str
    algorithm: str
    # Gradient jobs keeping every k-th step, or accumulating the illumination, run their own
    # operator variants (solvers/operator_kind.py).
    subsampled: bool = False
    illumination: bool = False
    # TTI runs their own operators (``-tti`` kinds); the parameters' values change no code.
    physics: str = "acoustic"


def _points(section: dict) -> int:
    """Points of a sources/receivers section: a count, an areal ``[nx, ny]`` count, or positions."""
    if "count" not in section:
        return len(section["positions"])
    count = section["count"]
    return math.prod(int(n) for n in count) if isinstance(count, list) else int(count)


def configuration_of(spec: dict, source: str) -> Configuration | None:
    """The configuration of a run spec; None when its grid is only known at run time (a model
    read from the bucket) or its jobs run under MPI (operators compiled per rank).

    Raises
    ------
    ValidationError
        When a field this needs is missing or malformed.
    """
    try:
        model, compute = spec["model"], spec.get("compute", {})
        if "shape" not in model or int(compute.get("mpiRanks", 1)) > 1:
            return None
        return Configuration(
            source=source, shape=tuple(int(n) for n in model["shape"]),
            spacing=tuple(float(h) for h in model["spacing"]),
            nrec=_points(spec["acquisition"]["receivers"]),
            space_order=int(compute.get("spaceOrder", 8)), nbl=int(compute.get("nbl", 40)),
            checkpointing=bool(compute.get("checkpointing", False)),
            imaging_condition=str(compute.get("imagingCondition", "standard")),
            algorithm=str(spec["algorithm"]["kind"]),
            subsampled=compute.get("wavefieldSubsampling", 1) != 1,
            illumination="illumination" in spec.get("preconditioning", {}),
            physics=str(spec.get("physics", "acoustic")))
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(source, f"run spec without a usable {describe(str(error))}",
                              "a run spec (packages/core/src/spec/runSpec.ts)") from error


def _solver(config: Configuration, cache_dir: Path, *, illumination: bool = False):
    from seisless_compute import solvers

    extent = np.array([(n - 1) * h for n, h in zip(config.shape, config.spacing)])
    depth = 2 * config.spacing[-1]
    lateral = np.linspace(0.0, 1.0, config.nrec)[:, None] * extent[:-1]
    receivers = np.hstack([lateral, np.full((config.nrec, 1), depth)])
    geometry = solvers.ShotGeometry(source=np.append(extent[:-1] / 2, depth),
                                    receivers=receivers, recording_time_ms=_RECORDING_MS,
                                    peak_frequency_hz=15.0)
    grid = solvers.Grid(config.shape, config.spacing, (0.0,) * len(config.shape))
    options = {"space_order": config.space_order, "nbl": config.nbl,
               "checkpointing": config.checkpointing, "cache_dir": cache_dir,
               "vp_max": _VP_KMS, "illumination": illumination,
               # any k > 1 runs the same compiled operators
               "wavefield_subsampling": 2 if config.subsampled else 1}
    if config.physics == "tti":
        anisotropy = solvers.Anisotropy.isotropic(config.shape)
        return solvers.TTISolver(grid, geometry, anisotropy=anisotropy, **options)
    return solvers.AcousticSolver(grid, geometry, **options)


def _run_tasks(config: Configuration, solver, gradient_solver=None) -> None:
    """What observe, gradient, objective and born-norm ask of the solver, on zero data (the
    gradient of ``gradient_solver`` when given: only gradient jobs accumulate illumination)."""
    from seisless_compute.io.timings import Stopwatch
    from seisless_compute.processing.data import Preprocessing
    from seisless_compute.tasks import gradient, objective

    vp = np.full(config.shape, _VP_KMS, np.float32)
    dt_ms, nt = solver.time_axis(vp)
    zeros = np.zeros_like(vp)
    inputs = {"velocity": vp, "data": np.zeros((nt, config.nrec), np.float32),
              "data_dt_ms": dt_ms, "image": zeros, "trial_direction": zeros}
    # No preprocessing and no background record: they change no operator.
    ctx = SimpleNamespace(spec=SimpleNamespace(
        algorithm=config.algorithm, trial=None, preprocessing=Preprocessing(),
        physics=SimpleNamespace(imaging_condition=config.imaging_condition,
                                kind=config.physics)),
        input_key=lambda name: None, watch=Stopwatch(time.time()))
    solver.forward(vp)  # observe
    gradient.compute_gradient(ctx, gradient_solver or solver, inputs)
    objective.evaluate(ctx, solver, inputs)
    solver.born_norm(vp, zeros)  # born-norm


def warm(config: Configuration, cache_dir: Path) -> dict:
    """Compile (or find) the operators of ``config`` in ``cache_dir``.

    Returns
    -------
    dict
        ``source``, ``shape``, ``sources`` (operators per origin: ``disk`` or ``compiled``) and
        ``seconds``.
    """
    started = time.perf_counter()
    solver = _solver(config, cache_dir)
    lit = _solver(config, cache_dir, illumination=True) if config.illumination else None
    _run_tasks(config, solver, lit)
    sources = dict(solver.timings.compile_sources)
    for origin, count in ({} if lit is None else lit.timings.compile_sources).items():
        sources[origin] = sources.get(origin, 0) + count
    return {"source": config.source, "shape": list(config.shape), "sources": sources,
            "seconds": round(time.perf_counter() - started, 2)}


def read_spec(path: Path) -> dict:
    """A run spec file as JSON (ValidationError naming the file otherwise)."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ValidationError(str(path), describe(str(error)), "a readable JSON run spec") \
            from error
