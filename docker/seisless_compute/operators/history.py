"""What a forward-in-time operator may keep of the wavefield it propagates, besides its records:
a subsampled history and the source-side illumination."""

from __future__ import annotations

from devito import Eq, Inc

from seisless_compute.operators.fields import Fields

__all__ = ["history_updates", "region_of"]


def region_of(function):
    """The subdomain ``function`` is defined on, or None when it covers the whole grid."""
    grid = function.grid
    return grid if getattr(grid, "is_SubDomain", False) else None


def history_updates(f: Fields, u, *, usave=None, illumination: bool = False) -> list:
    """Equations run in the time loop next to the update of ``u``.

    Both read ``u[t]`` only, which the in-place update of ``u[t+1]`` (into ``u[t-1]``'s buffer)
    leaves intact, so they hold for two- and three-buffer wavefields alike.

    Parameters
    ----------
    f : Fields
        Symbolic objects (``illum``).
    u : devito.TimeFunction
        The propagated wavefield.
    usave : devito.TimeFunction, optional
        Subsampled history: ``usave[t // k] = u[t]`` when ``t % k == 0`` (Devito guards the
        equation by the condition of ``usave``'s time dimension), over the region ``usave`` is
        defined on (``fields.PhysicalRegion``) when it is not the whole grid.
    illumination : bool
        Accumulate ``illum += u[t]^2`` over the steps run (``t = 1 .. nt-2``).

    Returns
    -------
    list of devito.Eq
    """
    updates = []
    if usave is not None:
        updates.append(Eq(usave, u, subdomain=region_of(usave)))
    if illumination:
        updates.append(Inc(f.illum, u * u))
    return updates
