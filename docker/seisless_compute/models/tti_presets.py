"""The TTI presets: ``layered-tti`` (2D and 3D) and a procedural Overthrust-like 3D model.

Angles are in degrees (the run spec's unit): theta the tilt of the symmetry axis from vertical,
phi (3D) its azimuth from x. Every preset keeps ``epsilon >= delta`` at every point (the
pseudo-acoustic system is unstable otherwise).
"""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import ValidationError

__all__ = ["LAYERED_TTI", "OVERTHRUST_EPSILON_MAX", "OVERTHRUST_VP_RANGE", "layered_tops",
           "layered_tti_parameters",
           "overthrust_parameters"]

#: ``layered-tti``'s layers from top (water, isotropic) to bottom: vp km/s, epsilon, delta,
#: tilt theta and (3D) azimuth phi in degrees.
LAYERED_TTI = {
    "vp": (1.5, 2.0, 2.5, 3.0, 3.5),
    "epsilon": (0.0, 0.10, 0.20, 0.15, 0.25),
    "delta": (0.0, 0.05, 0.10, 0.05, 0.10),
    "theta": (0.0, 15.0, 30.0, -20.0, 10.0),
    "phi": (0.0, 0.0, 30.0, 60.0, -45.0),
}

#: Overthrust: velocity range, km/s, and largest epsilon (preflight's presetVelocities.ts).
OVERTHRUST_VP_RANGE = (2.0, 5.5)
OVERTHRUST_EPSILON_MAX = 0.3
_LAYERS = 14


def layered_tops(nz: int) -> tuple[int, ...]:
    """First z index of each ``layered-tti`` layer below the top one (as ``presets.layered``)."""
    count = len(LAYERED_TTI["vp"])
    return tuple(round(i * nz / count) for i in range(1, count))


def layered_tti_parameters(shape) -> dict[str, np.ndarray]:
    """Flat layers of equal thickness with the :data:`LAYERED_TTI` properties."""
    nz = shape[-1]
    layer = np.searchsorted(np.asarray(layered_tops(nz)), np.arange(nz), side="right")
    names = ("vp", "epsilon", "delta", "theta") + (("phi",) if len(shape) == 3 else ())
    return {name: np.broadcast_to(np.asarray(LAYERED_TTI[name], np.float32)[layer],
                                  tuple(shape)).copy() for name in names}


def _coordinates(shape, spacing):
    """x, y, z in metres, broadcastable to ``shape`` (3D), and the extents."""
    axes = [np.arange(n) * h for n, h in zip(shape, spacing)]
    x, y, z = np.meshgrid(*axes, indexing="ij", sparse=True)
    extent = [max((n - 1) * h, h) for n, h in zip(shape, spacing)]
    return x, y, z, extent


def _folded_depth(xyz, extent):
    """Stratigraphic depth (m) of the folded layers before faulting: horizons are its level sets.

    Anticlines trending across the model (their axes swing with y), stronger at the top, over a
    gentle regional dip.
    """
    u, v, w = (c / length for c, length in zip(xyz, extent))
    lz = extent[2]
    axis_swing = 0.25 * np.sin(2 * np.pi * v)
    folds = 0.09 * np.sin(2 * np.pi * (2.2 * u + axis_swing)) * (0.7 + 0.3 * np.cos(np.pi * v))
    return lz * (w + folds * (1.1 - 0.6 * w) - 0.05 * u)


def _thrusts(xyz, extent):
    """Vertical uplift (m) of the thrust sheets: each fault a plane dipping towards +x whose
    trace curves with y; its hanging wall (above the plane) is pushed up by a throw tapering to
    nothing at the fault's lateral tips."""
    u, v, w = (c / length for c, length in zip(xyz, extent))
    lz = extent[2]
    uplift = np.zeros(np.broadcast_shapes(u.shape, v.shape, w.shape))
    for start, dip_run, throw, centre in ((0.22, 0.55, 0.10, 0.45), (0.55, 0.45, 0.07, 0.6)):
        trace = start + 0.08 * np.sin(np.pi * (v - centre) * 1.5)
        plane_depth = (u - trace) / dip_run  # normalised depth of the fault plane under (u, v)
        taper = np.exp(-(((v - centre) / 0.45) ** 4))
        uplift = uplift + np.where(w < plane_depth, throw * lz * taper, 0.0)
    return uplift


def _layer_properties(seed: int = 1971):
    """Per-layer velocity jitter, epsilon and delta (epsilon >= delta), from a fixed seed."""
    rng = np.random.default_rng(seed)
    jitter = rng.uniform(-0.35, 0.35, _LAYERS)
    epsilon = rng.uniform(0.04, OVERTHRUST_EPSILON_MAX, _LAYERS)
    delta = epsilon * rng.uniform(0.2, 0.8, _LAYERS)
    epsilon[0], delta[0] = 0.02, 0.01  # weathered top: nearly isotropic
    return jitter, epsilon, delta


def overthrust_parameters(shape, spacing) -> dict[str, np.ndarray]:
    """An Overthrust-like 3D TTI model at any shape and spacing.

    Folded layers cut by two thrust faults whose hanging walls are uplifted; velocity increases
    with stratigraphic depth (2.2 to 5.5 km/s, a fast basement at the bottom) with a jitter per
    layer; epsilon and delta are constant per layer; the symmetry axis is normal to the layers:
    theta their dip and phi their dip azimuth, in degrees.
    """
    if len(shape) != 3:
        raise ValidationError("model.shape", str(list(shape)), "[nx, ny, nz]: overthrust is 3D only")
    *xyz, extent = _coordinates(shape, spacing)
    folded = _folded_depth(xyz, extent)
    strat = (folded + _thrusts(xyz, extent)) / extent[2]  # 0 at the top, 1 at the bottom
    strat = np.broadcast_to(strat, tuple(shape))
    jitter, eps_layer, delta_layer = _layer_properties()
    layer = np.clip(np.floor(strat * (_LAYERS - 1)), 0, _LAYERS - 1).astype(int)
    basement = strat > 0.92
    low, high = OVERTHRUST_VP_RANGE
    vp = 2.2 + 3.0 * np.clip(strat, 0, 1) ** 0.9 + jitter[layer]
    vp = np.where(basement, high, np.clip(vp, low, high - 0.1))
    # The layers' normal: the gradient of the folded depth (constant throws leave it unchanged).
    gx, gy, gz = np.gradient(np.broadcast_to(folded, tuple(shape)), *spacing)
    horizontal = np.hypot(gx, gy)
    theta = np.degrees(np.arctan2(horizontal, gz))
    phi = np.degrees(np.arctan2(gy, gx))
    epsilon = np.where(basement, 0.0, eps_layer[layer])
    delta = np.where(basement, 0.0, delta_layer[layer])
    return {name: np.ascontiguousarray(value, dtype=np.float32) for name, value in (
        ("vp", vp), ("epsilon", epsilon), ("delta", delta), ("theta", theta), ("phi", phi))}
