"""The TTI parameters that go with a smooth background velocity.

Migration and inversion model in the smoothed velocity; with the true, sharp epsilon, delta and
tilt beside it, every interface of those parameters still scatters the background wavefields, and
the image carries a print of the model's interfaces thinner than the data's bandwidth (measured on
``layered-tti``, 2D, three shots at 12 Hz: thin lines at each interface and fine horizontal
ringing between them, gone with smoothed parameters). So the model job smooths them with the
background's Gaussian and keeps its water as it keeps the velocity's.

The symmetry axis is smoothed as a vector, not as angles: an azimuth of 179 degrees beside -179
is one direction, which the mean of the angles would turn by 180. Tilts stay within +-90 degrees,
where the axis' vertical component is >= 0, so axis and its opposite are never averaged.
"""

from __future__ import annotations

import numpy as np

from seisless_compute.models.presets import smooth_below_water, water_mask

__all__ = ["smooth_anisotropy"]


def smooth_anisotropy(anisotropy: dict[str, np.ndarray], vp, *, sigma_m: float,
                      spacing) -> dict[str, np.ndarray]:
    """``epsilon``, ``delta``, ``theta`` (and ``phi``) smoothed as ``presets.smooth`` smooths
    ``vp``.

    Parameters
    ----------
    anisotropy : dict
        Grid-shaped arrays: ``epsilon``, ``delta`` (dimensionless), ``theta`` and, in 3D,
        ``phi`` (degrees), checked (``io.anisotropy.check_anisotropy``).
    vp : array_like
        The true velocity, km/s: its water (connected to the top) is kept unsmoothed.
    sigma_m : float
        Standard deviation of the Gaussian, metres (the background's).
    spacing : tuple of float
        Grid spacing, metres.

    Returns
    -------
    dict
        float32 arrays with the same names. ``epsilon >= delta`` holds wherever it held (the
        smoothing is linear with positive weights; rounding is clipped).
    """
    water = water_mask(vp)

    def smoothed(values) -> np.ndarray:
        return smooth_below_water(values, water, sigma_m=sigma_m, spacing=spacing)

    out = {}
    if "epsilon" in anisotropy:
        out["epsilon"] = smoothed(anisotropy["epsilon"])
    if "delta" in anisotropy:
        delta = smoothed(anisotropy["delta"])
        out["delta"] = np.minimum(delta, out["epsilon"]) if "epsilon" in out else delta
    if "theta" in anisotropy:
        out.update(_smoothed_axis(anisotropy, smoothed))
    return {name: value.astype(np.float32) for name, value in out.items()}


def _smoothed_axis(anisotropy: dict[str, np.ndarray], smoothed) -> dict[str, np.ndarray]:
    """Tilt (and azimuth) of the smoothed unit symmetry axis, degrees."""
    theta = np.radians(np.asarray(anisotropy["theta"], dtype=np.float64))
    if "phi" not in anisotropy:  # 2D: the axis (sin theta, cos theta) in the (x, z) plane
        nx, nz = smoothed(np.sin(theta)), smoothed(np.cos(theta))
        return {"theta": np.degrees(np.arctan2(nx, nz))}
    phi = np.radians(np.asarray(anisotropy["phi"], dtype=np.float64))
    nx = smoothed(np.sin(theta) * np.cos(phi))
    ny = smoothed(np.sin(theta) * np.sin(phi))
    nz = smoothed(np.cos(theta))
    return {"theta": np.degrees(np.arctan2(np.hypot(nx, ny), nz)),
            "phi": np.degrees(np.arctan2(ny, nx))}
