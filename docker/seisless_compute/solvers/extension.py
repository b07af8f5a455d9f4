"""From the physical grid to the computational one: absorbing layer, padding and cropping."""

from __future__ import annotations

import numpy as np

__all__ = ["REFERENCE_VELOCITY", "crop", "damping", "pad"]

#: Velocity (km/s) for which the layer is designed to attenuate by ``_REFLECTION``; faster
#: waves are attenuated more (the decay over the layer scales with velocity).
REFERENCE_VELOCITY = 1.5
#: Design attenuation of a return trip through the layer. Stronger damping reflects more off
#: the damping ramp itself: 0.01 with a quadratic ramp was the best of the values measured
#: (residual boundary response ~1.6 % of the recorded energy for 40 points, 10 Hz, 2 km/s).
_REFLECTION = 1e-2


def pad(array: np.ndarray, nbl: int, mode: str = "edge") -> np.ndarray:
    """Extend a grid-shaped array by ``nbl`` points on every side (``edge`` or ``zero``)."""
    if mode == "zero":
        return np.pad(array, nbl, mode="constant").astype(np.float32)
    return np.pad(array, nbl, mode="edge").astype(np.float32)


def crop(array: np.ndarray, nbl: int) -> np.ndarray:
    """Remove the ``nbl``-point layer on every side."""
    if nbl == 0:
        return np.asarray(array, dtype=np.float32)
    return np.asarray(array[(slice(nbl, -nbl),) * array.ndim], dtype=np.float32)


def damping(shape: tuple[int, ...], spacing: tuple[float, ...], nbl: int) -> np.ndarray:
    """Damping coefficient ``eta`` (ms/m^2) of the term ``eta u_t`` over the extended grid.

    Zero in the interior; in the layer, per axis, ``A s^2`` with ``s`` in [0, 1] the depth into
    the layer, summed over axes. A wave at velocity ``v`` decays by ``exp(-eta v / 2)`` per
    metre, so ``A = 3 ln(1/R) / (v_ref L)`` (``L`` the layer width) makes a wave at ``v_ref``
    decay by ``R`` over a return trip through the layer.

    Parameters
    ----------
    shape : tuple of int
        Extended grid shape (layer included).
    spacing : tuple of float
        Grid spacing, metres.
    nbl : int
        Layer width, points.

    Returns
    -------
    numpy.ndarray
        ``float32`` array of ``shape``.
    """
    eta = np.zeros(shape, dtype=np.float64)
    if nbl == 0:
        return eta.astype(np.float32)
    for axis, (n, h) in enumerate(zip(shape, spacing)):
        index = np.arange(n)
        depth = np.clip((nbl - np.minimum(index, n - 1 - index)) / nbl, 0.0, 1.0)
        profile = depth**2
        amplitude = 3 * np.log(1 / _REFLECTION) / (REFERENCE_VELOCITY * nbl * h)
        view = [np.newaxis] * len(shape)
        view[axis] = slice(None)
        eta = eta + amplitude * profile[tuple(view)]
    return eta.astype(np.float32)
