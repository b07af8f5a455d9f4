"""Diagonal preconditioners of a shot's gradient: water-column mute, depth scaling ``z^p`` and
source-side illumination compensation (numpy only; axes ``[x, (y,) z]``, z last).

All three are diagonal, so applying them to each shot's gradient equals applying them to the
sum for the mute and the depth scaling (the same weights for every shot). The illumination
weights differ per shot: each shot is divided by its *own* illumination, which needs no second
reduction (the summed form ``sum_s g_s / sum_s I_s`` needs every shot's illumination before any
division) and balances each shot's geometric spreading before the sum; the price is that a
shot's poorly lit far field is amplified up to ``1/epsilon``, which ``epsilon`` bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "Preconditioning", "WaterMute", "depth_weights", "illumination_weights", "muted_rows",
    "precondition", "water_mask",
]


@dataclass(frozen=True)
class WaterMute:
    """Zero the gradient in the water column: above ``depth_m``, or, ``velocity_below_ms``,
    in each column above its first point at least that fast (m/s)."""

    depth_m: float | None = None
    velocity_below_ms: float | None = None


@dataclass(frozen=True)
class Preconditioning:
    """What the gradient job applies to its shot's gradient (every part optional)."""

    water_mute: WaterMute | None = None
    depth_power: float | None = None
    illumination_epsilon: float | None = None

    @property
    def needs_illumination(self) -> bool:
        """The solver must accumulate the source-side illumination."""
        return self.illumination_epsilon is not None

    @property
    def is_identity(self) -> bool:
        """Nothing to apply."""
        return (self.water_mute is None and self.depth_power is None
                and self.illumination_epsilon is None)


def _depths(shape: tuple[int, ...], dz: float, z0: float) -> np.ndarray:
    """Depth of every grid point, metres, broadcastable to ``shape``."""
    z = z0 + dz * np.arange(shape[-1], dtype=np.float64)
    return z.reshape((1,) * (len(shape) - 1) + (-1,))


def water_mask(vp: np.ndarray, mute: WaterMute, *, dz: float, z0: float = 0.0) -> np.ndarray:
    """1 below the water column, 0 in it (float32, ``vp``'s shape; ``vp`` in km/s)."""
    if mute.depth_m is not None:
        below = _depths(vp.shape, dz, z0) >= mute.depth_m
        return np.broadcast_to(below, vp.shape).astype(np.float32)
    fast = np.asarray(vp, dtype=np.float64) * 1000.0 >= mute.velocity_below_ms
    # Each column is water down to its first fast point (all water when there is none).
    return (np.cumsum(fast, axis=-1) > 0).astype(np.float32)


def muted_rows(vp: np.ndarray, mute: WaterMute, *, dz: float, z0: float = 0.0) -> int:
    """How many rows at the top (along the last axis) ``mute`` zeroes in every column: the
    rows a gradient to be muted need not be computed in."""
    unmuted = water_mask(vp, mute, dz=dz, z0=z0).reshape(-1, np.shape(vp)[-1]) > 0
    first = np.where(unmuted.any(axis=1), unmuted.argmax(axis=1), unmuted.shape[1])
    return int(first.min()) if first.size else 0


def depth_weights(shape: tuple[int, ...], power: float, *, dz: float,
                  z0: float = 0.0) -> np.ndarray:
    """``(z / z_max)^power`` (so at most 1 and the gradient keeps its scale), float32."""
    z = np.maximum(_depths(shape, dz, z0), 0.0)
    z_max = float(z.max())
    scaled = z / z_max if z_max > 0 else np.ones_like(z)
    return np.broadcast_to(scaled**power, shape).astype(np.float32)


def illumination_weights(illumination: np.ndarray, epsilon: float) -> np.ndarray:
    """``epsilon max I / (I + epsilon max I)``: ``g / (I + epsilon max I)`` scaled so that the
    weights lie in ``(0, 1]`` (1 where nothing is lit, ``epsilon / (1 + epsilon)`` at the
    best-lit point), float32.

    Weights at most 1, like the mute's and the depth scaling's, keep the line search safe with
    the preconditioned gradient as its gradient (``docker/README.md``, "Preconditioning").
    """
    illumination = np.asarray(illumination, dtype=np.float64)
    floor = epsilon * float(illumination.max())
    if not floor > 0:
        return np.ones(illumination.shape, np.float32)
    return (floor / (illumination + floor)).astype(np.float32)


def precondition(gradient: np.ndarray, spec: Preconditioning, *, vp: np.ndarray, dz: float,
                 z0: float = 0.0, illumination: np.ndarray | None = None) -> np.ndarray:
    """The gradient with every preconditioner of ``spec`` applied (a new float32 array).

    Parameters
    ----------
    gradient, vp : numpy.ndarray
        The shot's gradient and the velocity (km/s) it was computed at, same shape.
    spec : Preconditioning
        What to apply.
    dz, z0 : float
        Vertical spacing and the depth of the first grid row, metres.
    illumination : numpy.ndarray, optional
        The shot's ``sum_t u^2`` (needed when ``spec.needs_illumination``).
    """
    result = np.array(gradient, dtype=np.float32)
    if spec.water_mute is not None:
        result *= water_mask(vp, spec.water_mute, dz=dz, z0=z0)
    if spec.depth_power is not None:
        result *= depth_weights(result.shape, spec.depth_power, dz=dz, z0=z0)
    if spec.illumination_epsilon is not None:
        if illumination is None:
            raise ValueError("illumination compensation without the shot's illumination")
        result *= illumination_weights(illumination, spec.illumination_epsilon)
    return result
