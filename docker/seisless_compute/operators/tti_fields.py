"""The symbolic objects a TTI operator needs beyond the acoustic ones (``fields.Fields``): the
anisotropy coefficients and the second wavefield of the coupled pseudo-acoustic system."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from devito import Buffer, Function, Grid, TimeFunction

__all__ = ["PARTNERS", "TTIFields", "axis_components", "make_tti_fields"]

#: The acoustic ``Fields`` wavefield each second wavefield goes with (same buffers, same role).
PARTNERS = {"u": "r", "u3": "r3", "v": "vr", "v3": "vr3", "du": "dr"}


@dataclass(frozen=True)
class TTIFields:
    """Named symbolic objects of the TTI system on one extended grid.

    Attributes
    ----------
    horizontal : devito.Function
        ``1 + 2 epsilon``, the coefficient of the horizontal operator in the ``p`` equation.
    coupling : devito.Function
        ``sqrt(1 + 2 delta)``, the off-diagonal coefficient of the 2x2 block.
    axis : tuple of devito.Function
        Components of the unit symmetry axis per grid dimension (``x, (y,) z``), from the tilt
        and azimuth (:func:`axis_components`).
    r, r3, vr, vr3, dr : devito.TimeFunction
        (Named ``ur``, ``ur3``, ``vr``, ``vr3``, ``dur``.) The second (``r``) wavefield of the forward (two and three buffers), adjoint (two and
        three) and scattered systems; the first (``p``) is the acoustic ``Fields``' ``u``,
        ``u3``, ``v``, ``v3``, ``du`` (:data:`PARTNERS`).
    """

    horizontal: Function
    coupling: Function
    axis: tuple[Function, ...]
    r: TimeFunction
    r3: TimeFunction
    vr: TimeFunction
    vr3: TimeFunction
    dr: TimeFunction

    def partner(self, name: str) -> TimeFunction:
        """The second wavefield going with the acoustic field named ``name``."""
        return getattr(self, PARTNERS[name])


def make_tti_fields(grid: Grid, space_order: int) -> TTIFields:
    """Create the TTI-only symbolic objects on ``grid`` (nothing allocated)."""
    def function(name):
        return Function(name=name, grid=grid, space_order=space_order)

    def wavefield(name, buffers=2):
        return TimeFunction(name=name, grid=grid, time_order=2, space_order=space_order,
                            save=Buffer(buffers))

    axis = tuple(function(f"axis_{d.name}") for d in grid.dimensions)
    # Not "r3": Devito names its own temporaries r0, r1, ...
    return TTIFields(horizontal=function("horizontal"), coupling=function("coupling"),
                     axis=axis, r=wavefield("ur"), r3=wavefield("ur3", 3), vr=wavefield("vr"),
                     vr3=wavefield("vr3", 3), dr=wavefield("dur"))


def axis_components(theta: np.ndarray, phi: np.ndarray | None) -> tuple[np.ndarray, ...]:
    """The unit symmetry axis per grid dimension for tilt ``theta`` (from the vertical, the last
    axis) and azimuth ``phi`` (3D, from the first axis), radians.

    Returns
    -------
    tuple of numpy.ndarray
        2D ``(sin theta, cos theta)``; 3D ``(sin theta cos phi, sin theta sin phi, cos theta)``.
    """
    theta = np.asarray(theta, dtype=np.float64)
    if phi is None:
        return np.sin(theta), np.cos(theta)
    phi = np.asarray(phi, dtype=np.float64)
    return np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)
