"""The symbolic objects the operators are written in: one grid (absorbing layer included),
model parameters, wavefields and sparse source/receiver functions.

Creating them allocates nothing: Devito allocates ``data`` on first access. Operators are built
from a data-free set (so that a pickled operator carries no arrays) and applied to a solver's own
set, passed by name.
"""

from __future__ import annotations

import numpy as np
from devito import (
    Buffer,
    ConditionalDimension,
    Function,
    Grid,
    SparseTimeFunction,
    SubDomain,
    TimeFunction,
)

from seisless_compute.operators.field_set import (
    SUBSAMPLED_TIME,
    Fields,
    subsampled_saves,
)

__all__ = ["SUBSAMPLED_TIME", "Fields", "PhysicalRegion", "make_fields", "saved_wavefield",
           "subsampled_saves", "subsampled_wavefield"]


class PhysicalRegion(SubDomain):
    """The physical domain of a computational grid: every axis without its ``nbl``-point
    absorbing layer on either side. A function defined on it holds only those points; an
    equation restricted to it runs over them only. Its thicknesses are run-time arguments of the
    generated code (``x_ltkn0``, ...), set from ``nbl``."""

    name = "physical"

    def __init__(self, nbl: int, **kwargs):
        self.nbl = nbl
        super().__init__(**kwargs)

    def define(self, dimensions):
        return {d: ("middle", self.nbl, self.nbl) for d in dimensions}


def make_fields(grid: Grid, space_order: int, nt: int, *, nrec: int) -> Fields:
    """Create the symbolic objects of one shot on ``grid``.

    Parameters
    ----------
    grid : devito.Grid
        Computational grid (absorbing layer included).
    space_order : int
        Spatial order of every field.
    nt : int
        Number of time samples of the sparse functions.
    nrec : int
        Number of receivers.

    Returns
    -------
    Fields
    """
    def function(name):
        return Function(name=name, grid=grid, space_order=space_order)

    def wavefield(name, buffers=2):
        return TimeFunction(name=name, grid=grid, time_order=2, space_order=space_order,
                            save=Buffer(buffers))

    def sparse(name, npoint):
        return SparseTimeFunction(name=name, grid=grid, npoint=npoint, nt=nt)

    return Fields(grid=grid, scale=function("scale"), keep=function("keep"),
                  b=function("b"), dm=function("dm"), grad=function("grad"),
                  illum=function("illum"), u=wavefield("u"),
                  v=wavefield("v"), du=wavefield("du"), u3=wavefield("u3", 3),
                  v3=wavefield("v3", 3), src=sparse("src", 1),
                  rec=sparse("rec", nrec), srca=sparse("srca", 1))


def saved_wavefield(grid: Grid, space_order: int, nt: int, *,
                    dtype=np.float32, name: str = "u") -> TimeFunction:
    """The forward wavefield ``u`` (or another, ``name``) with its whole time history
    (``save=nt``)."""
    return TimeFunction(name=name, grid=grid, time_order=2, space_order=space_order, save=nt,
                        dtype=dtype)


def subsampled_wavefield(grid: Grid, space_order: int, nt: int, *, factor: int,
                         dtype=np.float32, name: str = "usave",
                         time_dim: ConditionalDimension | None = None,
                         region: PhysicalRegion | None = None) -> TimeFunction:
    """The forward wavefield's history kept every ``factor``-th time step (``usave``).

    Its time dimension is a ``ConditionalDimension`` of the grid's time: an operator writes
    ``usave[t // factor] = u[t]`` when ``t % factor == 0``, and a reader is guarded the same way.
    The factor is a run-time argument (``tsubf``), the length ``subsampled_saves(nt, factor)``.
    A second history (``name``, e.g. TTI's ``rsave``) passes the first one's ``time_dim``.

    With ``region`` (the grid's :class:`PhysicalRegion`) the history holds the physical domain
    only, without halo: what the standard imaging condition reads point by point, the gradient
    outside it being cropped anyway (0.65 of the full array for the demo's 601 x 301 grid with
    its 40-point layer and 8-point halos). Operators write and read it over the region
    (``history.history_updates``, ``gradient.gradient_operator``).
    """
    time = time_dim or ConditionalDimension(SUBSAMPLED_TIME, parent=grid.time_dim, factor=factor)
    if region is not None:
        return TimeFunction(name=name, grid=region, time_order=2, space_order=0,
                            save=subsampled_saves(nt, factor), time_dim=time, dtype=dtype)
    return TimeFunction(name=name, grid=grid, time_order=2, space_order=space_order,
                        save=subsampled_saves(nt, factor), time_dim=time, dtype=dtype)
