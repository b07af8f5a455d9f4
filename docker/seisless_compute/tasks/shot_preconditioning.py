"""The gradient job's preconditioning of its shot's gradient (``processing/precondition.py``)."""

from __future__ import annotations

import numpy as np

from seisless_compute.processing.precondition import precondition
from seisless_compute.tasks.context import JobContext

__all__ = ["precondition_shot"]


def precondition_shot(ctx: JobContext, solver, gradient: np.ndarray, *, vp: np.ndarray,
                      grid) -> np.ndarray:
    """``gradient`` (on the solver's ``grid``, computed at ``vp``) with the task file's
    preconditioning applied; unchanged when there is none, or on an MPI rank other than 0
    (whose gradient is empty)."""
    spec = ctx.spec.preconditioning
    if spec.is_identity or gradient.size == 0:
        return gradient
    illumination = solver.illumination if spec.needs_illumination else None
    return precondition(gradient, spec, vp=vp, dz=grid.spacing[-1], z0=grid.origin[-1],
                        illumination=illumination)
