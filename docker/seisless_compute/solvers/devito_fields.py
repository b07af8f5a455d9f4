"""Devito's functions for a shot, behind the interface of ``host_fields.HostFieldFactory``: the
solvers' buffers are built the same way whichever runs the operators."""

from __future__ import annotations

from seisless_compute.operators.field_set import Fields

__all__ = ["DevitoFieldFactory"]


class DevitoFieldFactory:
    """Creates a shot's Devito functions on ``grid`` (a ``devito.Grid`` whose absorbing layer
    is ``nbl`` points wide) of ``space_order``."""

    def __init__(self, grid, space_order: int, nbl: int = 0):
        self.grid, self.space_order, self.nbl = grid, space_order, nbl

    def fields(self, nt: int, nrec: int) -> Fields:
        from seisless_compute.operators.fields import make_fields

        return make_fields(self.grid, space_order=self.space_order, nt=nt, nrec=nrec)

    def sparse(self, name: str, *, npoint: int, nt: int):
        from devito import SparseTimeFunction

        return SparseTimeFunction(name=name, grid=self.grid, npoint=npoint, nt=nt)

    def saved_wavefield(self, nt: int, name: str = "u"):
        from seisless_compute.operators.fields import saved_wavefield

        return saved_wavefield(self.grid, self.space_order, nt, name=name)

    def subsampled_wavefield(self, nt: int, factor: int, *, name: str = "usave",
                             time_dim=None, physical: bool = False):
        from seisless_compute.operators.fields import (
            PhysicalRegion,
            subsampled_wavefield,
        )

        region = PhysicalRegion(self.nbl, grid=self.grid) if physical else None
        return subsampled_wavefield(self.grid, self.space_order, nt, factor=factor, name=name,
                                    time_dim=time_dim, region=region)
