"""The symbolic objects the operators are written in: one grid (absorbing layer included),
model parameters, wavefields and sparse source/receiver functions.

Creating them allocates nothing: Devito allocates ``data`` on first access. Operators are built
from a data-free set (so that a pickled operator carries no arrays) and applied to a solver's own
set, passed by name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from devito import Function, Grid, SparseTimeFunction, TimeFunction

__all__ = ["Fields", "make_fields", "saved_wavefield"]


@dataclass(frozen=True)
class Fields:
    """Named symbolic objects on one extended grid.

    Attributes
    ----------
    grid : devito.Grid
        The computational grid, absorbing layer included.
    m, damp, b, dm, grad : devito.Function
        Squared slowness, damping coefficient, ``1/m``, perturbation of ``m``, gradient.
    u, v, du : devito.TimeFunction
        Forward, adjoint and linearized (Born) wavefields, three time buffers each.
    src, rec, srca : devito.SparseTimeFunction
        Source, receivers, and the source-side trace of adjoint modelling.
    """

    grid: Grid
    m: Function
    damp: Function
    b: Function
    dm: Function
    grad: Function
    u: TimeFunction
    v: TimeFunction
    du: TimeFunction
    src: SparseTimeFunction
    rec: SparseTimeFunction
    srca: SparseTimeFunction

    @property
    def space_order(self) -> int:
        """Spatial order of the wavefields."""
        return self.u.space_order


def make_fields(grid: Grid, space_order: int, nt: int, nrec: int) -> Fields:
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

    def wavefield(name):
        return TimeFunction(name=name, grid=grid, time_order=2, space_order=space_order)

    def sparse(name, npoint):
        return SparseTimeFunction(name=name, grid=grid, npoint=npoint, nt=nt)

    return Fields(grid=grid, m=function("m"), damp=function("damp"), b=function("b"),
                  dm=function("dm"), grad=function("grad"), u=wavefield("u"),
                  v=wavefield("v"), du=wavefield("du"), src=sparse("src", 1),
                  rec=sparse("rec", nrec), srca=sparse("srca", 1))


def saved_wavefield(grid: Grid, space_order: int, nt: int, dtype=np.float32) -> TimeFunction:
    """The forward wavefield ``u`` with its whole time history (``save=nt``)."""
    return TimeFunction(name="u", grid=grid, time_order=2, space_order=space_order, save=nt,
                        dtype=dtype)
