"""Forward-modelling throughput for the benchmark script."""

from __future__ import annotations

__all__ = ["measure_forward_gpts"]


def measure_forward_gpts(shape3d: tuple[int, int, int], space_order: int = 8,
                         nt: int = 100) -> float:
    """Grid-point updates per second (1e9) of the 3D acoustic forward operator.

    Parameters
    ----------
    shape3d : tuple of int
        Grid shape including any absorbing layer (none is added).
    space_order : int
        Spatial order of the stencil.
    nt : int
        Number of time steps to time.

    Returns
    -------
    float
        GPts/s of the main kernel section (best of a few runs).
    """
    raise NotImplementedError
