"""Gradient with the forward wavefield recomputed from pyrevolve checkpoints (bounded memory)."""

from __future__ import annotations

import time

from devito import CheckpointOperator, DevitoCheckpoint, Revolver

__all__ = ["revolve_gradient"]


def revolve_gradient(forward: tuple, gradient: tuple, *, u, nt: int,
                     n_checkpoints: int | None = None) -> dict[str, float]:
    """Run ``forward`` then ``gradient`` (reverse time) under the Revolve schedule.

    Parameters
    ----------
    forward, gradient : tuple of (devito.Operator, dict)
        Operator and its ``apply`` arguments (buffers, ``dt``, ``time_m=1``, ``time_M``);
        the residual must already be in the gradient operator's receivers.
    u : devito.TimeFunction or list of devito.TimeFunction
        The buffered forward wavefield(s) (TTI: ``p`` and ``r``), saved and restored at
        checkpoints.
    nt : int
        Length of the time axis; steps ``1 .. nt-2`` are run.
    n_checkpoints : int, optional
        Number of checkpoints; default: pyrevolve's choice for ``nt - 2`` steps.

    Returns
    -------
    dict of str to float
        Wall-clock seconds of the forward and reverse sweeps.
    """
    checkpoint = DevitoCheckpoint(list(u) if isinstance(u, list | tuple) else [u])
    wrapped_forward = CheckpointOperator(forward[0], **forward[1])
    wrapped_gradient = CheckpointOperator(gradient[0], **gradient[1])
    revolver = Revolver(checkpoint, wrapped_forward, wrapped_gradient,
                        n_checkpoints=n_checkpoints, n_timesteps=nt - 2)
    start = time.perf_counter()
    revolver.apply_forward()
    middle = time.perf_counter()
    revolver.apply_reverse()
    return {"revolve_forward": middle - start, "revolve_reverse": time.perf_counter() - middle}
