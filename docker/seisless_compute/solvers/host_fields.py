"""Plain numpy arrays in the memory layout Devito gives its functions, for compiled operators run
without Devito (``host_kernel``).

A dense function of space order ``so`` has a halo of ``so`` points on each side of every space
axis and no padding (Devito's layout with ``autopadding`` off, its default; a test compares
shapes with Devito's for both physics, 2D and 3D). A kernel checks every array it gets against
the shapes its operator was compiled with, so a layout that differed would be refused, not
misread. Sparse functions (sources, receivers) and their coordinates have no halo.

The attributes mirror the part of Devito's function API the solvers use: ``name``, ``data``
(the domain), ``data_with_halo``, ``shape_allocated``, ``dtype``, ``space_order``, ``_data``
(None until allocated), ``data_gather``; a sparse function has ``coordinates``.
"""

from __future__ import annotations

import numpy as np

from seisless_compute.operators.field_set import Fields, subsampled_saves

__all__ = ["HostFieldFactory", "HostFunction", "HostSparse", "aligned_zeros"]

#: The alignment Devito's generated code declares for every array (``aligned (64)``).
ALIGNMENT = 64


def aligned_zeros(shape: tuple[int, ...], dtype=np.float32) -> np.ndarray:
    """A zero array whose first element is ``ALIGNMENT``-byte aligned (numpy guarantees 16)."""
    dtype = np.dtype(dtype)
    count = int(np.prod(shape))
    raw = np.zeros(count * dtype.itemsize + ALIGNMENT, dtype=np.uint8)
    offset = -raw.ctypes.data % ALIGNMENT
    return raw[offset:offset + count * dtype.itemsize].view(dtype).reshape(shape)


class HostFunction:
    """A dense (time) function: ``shape_allocated`` = time size (if any) + the space axes with
    their halos; ``halo`` per axis as ``(left, right)``."""

    def __init__(self, name: str, domain: tuple[int, ...], halo: tuple[tuple[int, int], ...],
                 *, space_order: int = 0, dtype=np.float32):
        self.name, self.space_order, self.dtype = name, space_order, np.dtype(dtype)
        self.halo = tuple((int(left), int(right)) for left, right in halo)
        self.shape_allocated = tuple(n + left + right for n, (left, right) in
                                     zip(domain, self.halo, strict=True))
        self._domain = tuple(slice(left, left + n) for n, (left, _) in
                             zip(domain, self.halo, strict=True))
        self._data: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        """Bytes of the allocated array, halo included."""
        return int(np.prod(self.shape_allocated)) * self.dtype.itemsize

    def adopt(self, array: np.ndarray) -> None:
        """Use ``array`` (zero, of ``shape_allocated``, aligned) as this function's memory."""
        if array.shape != self.shape_allocated or array.dtype != self.dtype:
            raise ValueError(f"{self.name}: array {array.shape} {array.dtype}, expected "
                             f"{self.shape_allocated} {self.dtype}")
        if array.ctypes.data % ALIGNMENT:
            raise ValueError(f"{self.name}: array not {ALIGNMENT}-byte aligned")
        self._data = array

    @property
    def data_with_halo(self) -> np.ndarray:
        """The whole array (zero-allocated on first use)."""
        if self._data is None:
            self._data = aligned_zeros(self.shape_allocated, self.dtype)
        return self._data

    @property
    def data(self) -> np.ndarray:
        """The domain: the array without its halo (a view)."""
        return self.data_with_halo[self._domain]

    def data_gather(self, rank: int = 0) -> np.ndarray:
        """The domain (a serial run holds all of it), as Devito's ``data_gather``."""
        del rank
        return self.data


class HostSparse(HostFunction):
    """A sparse time function: ``(nt, npoint)`` samples and ``(npoint, ndim)`` coordinates."""

    def __init__(self, name: str, *, nt: int, npoint: int, ndim: int, dtype=np.float32):
        super().__init__(name, (nt, npoint), ((0, 0), (0, 0)), dtype=dtype)
        self.coordinates = HostFunction(f"{name}_coords", (npoint, ndim), ((0, 0), (0, 0)),
                                        dtype=dtype)


class HostFieldFactory:
    """Creates a shot's arrays on a computational grid of ``shape`` (absorbing layer of ``nbl``
    points included) for operators of ``space_order`` (as ``operators.fields`` creates
    Devito's)."""

    def __init__(self, shape: tuple[int, ...], space_order: int, nbl: int = 0):
        self.shape, self.space_order, self.nbl = tuple(shape), space_order, nbl
        self._space_halo = ((space_order, space_order),) * len(self.shape)

    def function(self, name: str) -> HostFunction:
        return HostFunction(name, self.shape, self._space_halo, space_order=self.space_order)

    def wavefield(self, name: str, time_size: int) -> HostFunction:
        return HostFunction(name, (time_size, *self.shape), ((0, 0), *self._space_halo),
                            space_order=self.space_order)

    def sparse(self, name: str, *, npoint: int, nt: int) -> HostSparse:
        return HostSparse(name, nt=nt, npoint=npoint, ndim=len(self.shape))

    def fields(self, nt: int, nrec: int) -> Fields:
        """The arrays of :func:`operators.fields.make_fields`, by the same names; wavefields in
        two time buffers (``u``, ``v``, ``du``) or three (``u3``, ``v3``)."""
        function, wavefield = self.function, self.wavefield
        return Fields(grid=None, scale=function("scale"), keep=function("keep"),
                      b=function("b"), dm=function("dm"), grad=function("grad"),
                      illum=function("illum"), u=wavefield("u", 2), v=wavefield("v", 2),
                      du=wavefield("du", 2), u3=wavefield("u3", 3), v3=wavefield("v3", 3),
                      src=self.sparse("src", npoint=1, nt=nt),
                      rec=self.sparse("rec", npoint=nrec, nt=nt),
                      srca=self.sparse("srca", npoint=1, nt=nt))

    def saved_wavefield(self, nt: int, name: str = "u") -> HostFunction:
        """The forward wavefield with its whole history (``save=nt``)."""
        return self.wavefield(name, nt)

    def subsampled_wavefield(self, nt: int, factor: int, *, name: str = "usave",
                             physical: bool = False, top: int = 0) -> HostFunction:
        """The history kept every ``factor``-th step; ``physical``: of the physical region only,
        without halo (``fields.PhysicalRegion``), less its first ``top`` rows along the last
        axis (the kernels are given the narrowed region's thickness, ``host_kernel``)."""
        saves = subsampled_saves(nt, factor)
        if not physical:
            if top:
                raise ValueError("only a history of the physical region leaves rows out")
            return self.wavefield(name, saves)
        region = [n - 2 * self.nbl for n in self.shape]
        if not 0 <= top < region[-1]:
            raise ValueError(f"{top} rows left out of a region of {region[-1]}")
        region[-1] -= top
        return HostFunction(name, (saves, *region), ((0, 0),) * (1 + len(region)))
