"""The named set of arrays one shot's operators run on, without Devito: the same names serve
Devito's symbolic functions (``fields.make_fields``) and a compiled operator's plain arrays
(``solvers/host_fields.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["SUBSAMPLED_TIME", "Fields", "subsampled_saves"]

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

    grid: Any
    scale: Any
    keep: Any
    b: Any
    dm: Any
    grad: Any
    illum: Any
    u: Any
    v: Any
    du: Any
    u3: Any
    v3: Any
    src: Any
    rec: Any
    srca: Any

    @property
    def space_order(self) -> int:
        """Spatial order of the wavefields."""
        return self.u.space_order



def subsampled_saves(nt: int, factor: int) -> int:
    """Time samples of a history kept every ``factor``-th step: ``ceil(nt / factor)``.

    The steps run are ``t = 1 .. nt-2`` (index ``t // factor``), but Devito derives the time
    range a subsampled function allows as ``0 .. factor * size - 1`` and refuses an operator
    whose other functions (``nt`` samples) need more.
    """
    return -(-nt // factor)
