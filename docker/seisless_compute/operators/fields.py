"""The symbolic objects the operators are written in: one grid (absorbing layer included),
model parameters, wavefields and sparse source/receiver functions.

Creating them allocates nothing: Devito allocates ``data`` on first access. Operators are built
from a data-free set (so that a pickled operator carries no arrays) and applied to a solver's own
set, passed by name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from devito import (
    Buffer,
    ConditionalDimension,
    Function,
    Grid,
    SparseTimeFunction,
    TimeFunction,
)

__all__ = ["SUBSAMPLED_TIME", "Fields", "make_fields", "saved_wavefield", "subsampled_saves",
           "subsampled_wavefield"]

#: Name of the subsampled time dimension; its factor is the run-time argument ``tsubf``, so one
#: compiled operator serves every subsampling factor.
SUBSAMPLED_TIME = "tsub"


@dataclass(frozen=True)
class Fields:
    """Named symbolic objects on one extended grid.

    Attributes
    ----------
    grid : devito.Grid
        The computational grid, absorbing layer included.
    scale, keep : devito.Function
        The leapfrog coefficients ``s = dt^2/A`` and ``k = m/A`` (``stencil.coefficients``).
    b, dm, grad : devito.Function
        ``1/m``, perturbation of the squared slowness ``m``, gradient.
    illum : devito.Function
        Source-side illumination ``sum_t u[t]^2``, accumulated by forward and Born operators
        that ask for it.
    u, v, du : devito.TimeFunction
        Forward, adjoint and linearized (Born) wavefields in two time buffers, updated in place
        (``u[t+1]`` overwrites ``u[t-1]``): a third less memory, and the kernel writes to
        cache lines it has just read instead of fetching fresh ones (see ``stencil``).
    u3, v3 : devito.TimeFunction
        Forward and adjoint wavefields in three time buffers, for operators that take their
        second time derivative (Born source, imaging condition).
    src, rec, srca : devito.SparseTimeFunction
        Source, receivers, and the source-side trace of adjoint modelling.
    """

    grid: Grid
    scale: Function
    keep: Function
    b: Function
    dm: Function
    grad: Function
    illum: Function
    u: TimeFunction
    v: TimeFunction
    du: TimeFunction
    u3: TimeFunction
    v3: TimeFunction
    src: SparseTimeFunction
    rec: SparseTimeFunction
    srca: SparseTimeFunction

    @property
    def space_order(self) -> int:
        """Spatial order of the wavefields."""
        return self.u.space_order


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


def subsampled_saves(nt: int, factor: int) -> int:
    """Time samples of a history kept every ``factor``-th step: ``ceil(nt / factor)``.

    The steps run are ``t = 1 .. nt-2`` (index ``t // factor``), but Devito derives the time
    range a subsampled function allows as ``0 .. factor * size - 1`` and refuses an operator
    whose other functions (``nt`` samples) need more.
    """
    return -(-nt // factor)


def subsampled_wavefield(grid: Grid, space_order: int, nt: int, *, factor: int,
                         dtype=np.float32, name: str = "usave",
                         time_dim: ConditionalDimension | None = None) -> TimeFunction:
    """The forward wavefield's history kept every ``factor``-th time step (``usave``).

    Its time dimension is a ``ConditionalDimension`` of the grid's time: an operator writes
    ``usave[t // factor] = u[t]`` when ``t % factor == 0``, and a reader is guarded the same way.
    The factor is a run-time argument (``tsubf``), the length ``subsampled_saves(nt, factor)``.
    A second history (``name``, e.g. TTI's ``rsave``) passes the first one's ``time_dim``.
    """
    time = time_dim or ConditionalDimension(SUBSAMPLED_TIME, parent=grid.time_dim, factor=factor)
    return TimeFunction(name=name, grid=grid, time_order=2, space_order=space_order,
                        save=subsampled_saves(nt, factor), time_dim=time, dtype=dtype)
