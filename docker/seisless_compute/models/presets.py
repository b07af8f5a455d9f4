"""Synthetic velocity models (km/s, float32, Devito axis order ``[x, (y,) z]``), pure numpy.

The TTI presets (:func:`layered_tti`, :func:`overthrust`) also carry Thomsen's epsilon and
delta (dimensionless) and the symmetry axis' tilt theta and azimuth phi (3D), in DEGREES as the
run spec and its objects give them (the tasks convert them to radians for the solver).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["TTI_PRESETS", "WATER_VELOCITY", "Preset", "bp_salt", "build", "camembert", "layered",
           "layered_tti", "overthrust", "smooth", "smooth_below_water", "water_mask"]

#: Velocity of sea water, km/s.
WATER_VELOCITY = 1.5


@dataclass(frozen=True)
class Preset:
    """A velocity model and the depth indices of its flat interfaces.

    Behaves as its ``vp`` array for numpy (``np.asarray(preset)``, ``preset.shape``).

    Attributes
    ----------
    vp : numpy.ndarray
        Velocity, km/s, float32, grid-shaped.
    interfaces_z_index : tuple of int
        First z index below each flat interface (empty when the model has none).
    epsilon, delta, theta, phi : numpy.ndarray or None
        TTI presets: Thomsen's epsilon and delta, the tilt and (3D) the azimuth of the symmetry
        axis in degrees, float32, grid-shaped; None for isotropic presets (phi None in 2D).
    """

    vp: np.ndarray
    interfaces_z_index: tuple[int, ...] = ()
    epsilon: np.ndarray | None = None
    delta: np.ndarray | None = None
    theta: np.ndarray | None = None
    phi: np.ndarray | None = None

    def anisotropy(self) -> dict[str, np.ndarray]:
        """The TTI parameters this preset carries, by name (empty for isotropic presets)."""
        names = ("epsilon", "delta", "theta", "phi")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    @property
    def shape(self) -> tuple[int, ...]:
        """Grid shape of ``vp``."""
        return self.vp.shape

    def __array__(self, dtype=None, copy=None):
        return self.vp if dtype is None else self.vp.astype(dtype)


def _depth(shape: tuple[int, ...], spacing: tuple[float, ...]) -> np.ndarray:
    """Depth (m) of every grid point, broadcastable to ``shape``."""
    view = (1,) * (len(shape) - 1) + (shape[-1],)
    return (np.arange(shape[-1]) * spacing[-1]).reshape(view)


def _lateral(shape: tuple[int, ...], spacing: tuple[float, ...], axis: int) -> np.ndarray:
    """Lateral coordinate (m) along ``axis``, broadcastable to ``shape``."""
    view = [1] * len(shape)
    view[axis] = shape[axis]
    return (np.arange(shape[axis]) * spacing[axis]).reshape(view)


def layered(shape, spacing, velocities=(1.5, 2.0, 2.5, 3.0, 3.5)) -> Preset:
    """Flat layers of equal thickness, water (1.5 km/s) on top.

    Parameters
    ----------
    shape : tuple of int
        Grid shape, ``[x, (y,) z]``.
    spacing : tuple of float
        Grid spacing, metres (unused by the geometry, kept for a uniform signature).
    velocities : tuple of float
        Layer velocities from top to bottom, km/s.

    Returns
    -------
    Preset
        With ``interfaces_z_index`` the first index of each layer below the top one.
    """
    nz = shape[-1]
    tops = tuple(round(i * nz / len(velocities)) for i in range(1, len(velocities)))
    profile = np.full(nz, velocities[0], dtype=np.float32)
    for top, velocity in zip(tops, velocities[1:]):
        profile[top:] = velocity
    return Preset(np.broadcast_to(profile, tuple(shape)).copy(), tops)


def camembert(shape, spacing, *, background=2.5, anomaly=3.0, radius_fraction=0.25) -> Preset:
    """Constant background with a circular (2D) or spherical (3D) anomaly at the centre.

    Parameters
    ----------
    shape, spacing : tuple
        Grid shape and spacing (metres), ``[x, (y,) z]``.
    background, anomaly : float
        Velocities outside and inside the anomaly, km/s.
    radius_fraction : float
        Radius as a fraction of the smallest physical extent.

    Returns
    -------
    Preset
    """
    extent = [(n - 1) * h for n, h in zip(shape, spacing)]
    distance2 = sum((_lateral(shape, spacing, axis) - extent[axis] / 2) ** 2
                    for axis in range(len(shape)))
    inside = distance2 <= (radius_fraction * min(extent)) ** 2
    return Preset(np.where(inside, anomaly, background).astype(np.float32), ())


def _lateral_fraction(shape, spacing) -> list[np.ndarray]:
    """Each lateral coordinate as a fraction (0..1) of its extent, broadcastable to ``shape``."""
    return [_lateral(shape, spacing, axis) / max((shape[axis] - 1) * spacing[axis], 1e-9)
            for axis in range(len(shape) - 1)]


def _salt(shape, spacing) -> np.ndarray:
    """Where the salt is: a massive body with near-vertical flanks and a rugose top (left), and
    a diapir whose narrow stem rises from depth into an overhanging head (right), as the two
    main bodies of the BP 2004 model."""
    rng = np.random.default_rng(2004)
    s = _lateral_fraction(shape, spacing)
    depth = _depth(shape, spacing) / max((shape[-1] - 1) * spacing[-1], 1e-9)  # 0..1
    # Across the line (3D), bodies are round in plan view, centred at mid-y.
    across = sum(((a - 0.5) / 0.35) ** 2 for a in s[1:])
    rugose = sum(0.03 / k**0.6 * np.sin(2 * np.pi * (k * s[0] + rng.uniform()))
                 for k in (5, 11, 19, 31, 47))
    u = np.sqrt(((s[0] - 0.27) / 0.13) ** 2 + across)
    massive = (u < 1) & (depth >= 0.20 + 2 * rugose + 0.10 * u**2) & (depth <= 0.64 - 0.05 * u**2)
    stem = np.sqrt(((s[0] - 0.66) / 0.022) ** 2 + across) < 1
    head_u = np.sqrt(((s[0] - 0.66) / 0.085) ** 2 + across)
    head = (head_u < 1) & (depth >= 0.24 + rugose + 0.06 * head_u**2) & (depth <= 0.36 - 0.04 * head_u)
    return massive | (stem & (depth >= 0.30) & (depth <= 0.92)) | head


def bp_salt(shape, spacing, *, water_depth_fraction=0.12, salt_velocity=4.5) -> Preset:
    """A salt model at the proportions of the BP 2004 benchmark (67.4 km × 11.9 km).

    Water on top (1.5 km/s, flat sea floor); sediments compacting with depth below the sea floor
    (1.6 km/s, tending to 4.5: ``1.6 + 2.9 (1 - exp(-z / 6 km))``, 4.0 km/s 10 km down) with
    folded beds (± 0.08 km/s, 1/26 of the depth thick); salt (4.5 km/s, the fastest rock) in two bodies: a massive
    one with near-vertical flanks and a rugose top on the left, and a diapir with a narrow stem
    and an overhanging head on the right (:func:`_salt`).

    Parameters
    ----------
    shape, spacing : tuple
        Grid shape and spacing (metres), ``[x, (y,) z]``; ``[1349, 239]`` at 50 m is the
        benchmark's 67.4 km × 11.9 km.
    water_depth_fraction : float
        Water depth as a fraction of the model depth.
    salt_velocity : float
        Salt velocity, km/s.

    Returns
    -------
    Preset
        With ``interfaces_z_index`` holding the sea-floor index.
    """
    z = _depth(shape, spacing)
    x = _lateral_fraction(shape, spacing)[0]
    seabed_index = round(water_depth_fraction * (shape[-1] - 1))
    below = z - seabed_index * spacing[-1]
    sediment = 1.6 + 2.9 * (1 - np.exp(-np.maximum(below, 0) / 6000.0))
    bed = max((shape[-1] - 1) * spacing[-1] / 26, 3 * spacing[-1])  # 450 m at the BP's depth
    beds = 0.08 * np.sign(np.sin(2 * np.pi * (below / bed + 3.0 * np.sin(np.pi * x))))  # folded
    vp = np.where(below < 0, WATER_VELOCITY, np.minimum(sediment + beds, salt_velocity - 0.05))
    vp = np.where(_salt(shape, spacing) & (below > 0), salt_velocity, vp)
    return Preset(np.broadcast_to(vp, tuple(shape)).astype(np.float32), (seabed_index,))


def _gaussian_axis(array: np.ndarray, axis: int, sigma_points: float) -> np.ndarray:
    """Gaussian smoothing along one axis, edge values extended."""
    radius = int(np.ceil(3 * sigma_points))
    if radius == 0:
        return array
    offsets = np.arange(-radius, radius + 1)
    weights = np.exp(-0.5 * (offsets / sigma_points) ** 2)
    weights /= weights.sum()
    pad = [(0, 0)] * array.ndim
    pad[axis] = (radius, radius)
    padded = np.pad(array, pad, mode="edge")
    n = array.shape[axis]
    return sum(w * np.take(padded, np.arange(k, k + n), axis=axis)
               for k, w in enumerate(weights))


def smooth(vp, sigma_m: float, spacing) -> np.ndarray:
    """Gaussian-smoothed background model that keeps the water layer sharp.

    Parameters
    ----------
    vp : array_like
        Velocity, km/s, ``[x, (y,) z]``.
    sigma_m : float
        Standard deviation of the Gaussian, metres.
    spacing : tuple of float
        Grid spacing, metres.

    Returns
    -------
    numpy.ndarray
        float32. Water (the cells at ``WATER_VELOCITY`` connected to the top of each column) is
        kept; below it the model is smoothed after extending the first sub-sea-floor velocity
        upwards, so water does not leak into the sediments.
    """
    vp = np.asarray(vp, dtype=np.float64)
    return smooth_below_water(vp, water_mask(vp), sigma_m=sigma_m, spacing=spacing).astype(np.float32)


def water_mask(vp) -> np.ndarray:
    """The cells at ``WATER_VELOCITY`` connected to the top of each column (last axis: depth)."""
    vp = np.asarray(vp, dtype=np.float64)
    return np.cumprod(np.isclose(vp, WATER_VELOCITY, atol=1e-3), axis=-1).astype(bool)


def smooth_below_water(values, water: np.ndarray, *, sigma_m: float, spacing) -> np.ndarray:
    """``values`` (float64) Gaussian-smoothed below ``water`` and kept in it: the first value
    below the water is extended upwards first, so that the water's values do not leak down."""
    values = np.asarray(values, dtype=np.float64)
    first_below = np.minimum(water.sum(axis=-1, keepdims=True), values.shape[-1] - 1)
    filled = np.where(water, np.take_along_axis(values, first_below, axis=-1), values)
    for axis, h in enumerate(spacing):
        filled = _gaussian_axis(filled, axis, sigma_m / h)
    return np.where(water, values, filled)


def layered_tti(shape, spacing) -> Preset:
    """``layered``'s flat layers with Thomsen parameters and a tilted symmetry axis per layer
    (water on top isotropic; ``tti_presets.LAYERED_TTI``), 2D or 3D; angles in degrees."""
    from seisless_compute.models.tti_presets import layered_tops, layered_tti_parameters

    values = layered_tti_parameters(shape)
    return Preset(values.pop("vp"), layered_tops(shape[-1]), **values)


def overthrust(shape, spacing) -> Preset:
    """A procedural Overthrust-like 3D TTI model: folded, thrust-faulted layers whose symmetry
    axes follow the layers' dips (``tti_presets.overthrust_parameters``); angles in degrees."""
    from seisless_compute.models.tti_presets import overthrust_parameters

    values = overthrust_parameters(shape, spacing)
    return Preset(values.pop("vp"), (), **values)


#: The presets carrying TTI parameters.
TTI_PRESETS = ("layered-tti", "overthrust")


def build(name: str, shape, spacing) -> Preset:
    """The preset called ``name`` (the run spec's ``model.preset``) on ``shape`` and ``spacing``."""
    return {"layered": layered, "camembert": camembert, "bp-salt": bp_salt,
            "layered-tti": layered_tti, "overthrust": overthrust}[name](shape, spacing)
