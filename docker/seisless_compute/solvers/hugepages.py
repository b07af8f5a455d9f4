"""Back the large grid arrays with transparent huge pages.

A 3D space-order-8 stencil reads 25 points spread over 17 x-y planes of a few hundred KiB each,
so with 4 KiB pages nearly every neighbour is on another page and the TLB misses. Where the
kernel only gives huge pages to regions that ask for them (``/sys/kernel/mm/
transparent_hugepage/enabled`` = ``madvise``, the Debian default), we ask: 256^3, 2 threads,
best of 3, two alternating runs each: 0.84-0.87 GPts/s without, 0.92-0.94 GPts/s with.

Devito would fill a new array with zeros, touching every 4 KiB page (for a gradient's saved
wavefield, gigabytes written once before the kernel writes them again). Instead a large array
gets its own anonymous mapping, which the kernel guarantees reads as zeros without any page
being touched, advised ``MADV_HUGEPAGE`` so that the first touch (the operator's) faults in
2 MiB pages. Arrays smaller than ``MIN_BYTES`` (every 2D model of the examples) are left to
Devito. Where ``madvise`` is unavailable or refused, the mapping keeps 4 KiB pages.

Not for a wavefield's saved history (:func:`allocate_zero` with ``huge_pages=False``): an
operator touches it one time slice after another, so there is no TLB pressure to relieve, and
faulting gigabytes in 2 MiB pages is slow where the kernel compacts memory for each of them
(``defrag`` = ``madvise``): a demo gradient (2.6 GB history) ran its kernels in 7-14 s with
huge pages against 3-5 s without, alternating runs on a busy machine. A history is faulted in
at allocation (``populate``, ``MAP_POPULATE``: one system call rather than a trap per 4 KiB
page; every slice of it is written anyway): 0.25 s less per demo gradient, and its kernels'
times are the stencil's again (2.1 s, not 3.2 s with the faults inside them).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import mmap

import numpy as np

__all__ = ["MIN_BYTES", "advise_huge_pages", "allocate_zero"]

MIN_BYTES = 16 << 20
_HUGE = 2 << 20
_MADV_HUGEPAGE = 14
_MAP_POPULATE = getattr(mmap, "MAP_POPULATE", 0)  # Linux: fault every page in at once


def _madvise():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    madvise = libc.madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    return madvise


_madvise_fn = _madvise()


class _ZeroPages:
    """A Devito memory allocator handing out fresh anonymous mappings (zeros, untouched), advised
    for huge pages; the mapping is released with the last array viewing it."""

    guaranteed_alignment = mmap.PAGESIZE

    def __init__(self, huge_pages: bool, populate: bool = False) -> None:
        self.huge_pages, self.populate, self.advised = huge_pages, populate, 0

    def alloc(self, shape, dtype, padding=0):
        dtype = np.dtype(dtype)
        left, right = padding if isinstance(padding, tuple) else (padding, padding)
        count = int(np.prod(shape))
        mapping = mmap.mmap(-1, max((left + count + right) * dtype.itemsize, 1),
                            flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS
                            | (_MAP_POPULATE if self.populate else 0))
        array = np.frombuffer(mapping, dtype=dtype, count=count, offset=left * dtype.itemsize)
        address = np.frombuffer(mapping, dtype=np.uint8, count=1).ctypes.data
        start = -(-address // _HUGE) * _HUGE
        end = (address + len(mapping)) // _HUGE * _HUGE
        if self.huge_pages and end > start and _madvise_fn is not None and _madvise_fn(
                start, end - start, _MADV_HUGEPAGE) == 0:
            self.advised += end - start
        return array.reshape(shape), None

    def free(self, *args) -> None:
        """Nothing to do: the mapping goes with the arrays that view it."""


def _untouched(_data) -> None:
    """Devito's initializer for data that is zero already (a fresh mapping)."""


def advise_huge_pages(*functions) -> int:
    """Allocate each not yet allocated large Devito function's data, zero and untouched, on a
    mapping advised for huge pages (:func:`allocate_zero`).

    Call it where a function is first used: functions already allocated (whose data may hold
    values) and small ones are left as they are, so arrays a task never uses stay unallocated.

    Parameters
    ----------
    *functions : devito.Function, devito.TimeFunction or host_fields.HostFunction

    Returns
    -------
    int
        Bytes now advised for huge pages.
    """
    return allocate_zero(*functions, huge_pages=_madvise_fn is not None)


def allocate_zero(*functions, huge_pages: bool, populate: bool = False) -> int:
    """Allocate each not yet allocated Devito function of at least ``MIN_BYTES`` on a fresh
    mapping: zero without a page written (Devito would write every byte), advised for huge
    pages when ``huge_pages``, its pages faulted in at once when ``populate``. Functions
    already allocated, and small ones, are left alone.

    Returns
    -------
    int
        Bytes advised for huge pages.
    """
    advised = 0
    for function in functions:
        if function._data is not None:
            continue  # allocated before: its contents must not be dropped
        size = int(np.prod(function.shape_allocated)) * np.dtype(function.dtype).itemsize
        if size < MIN_BYTES:
            continue  # small arrays stay lazily allocated
        allocator = _ZeroPages(huge_pages, populate)
        if hasattr(function, "adopt"):  # a plain array for a host kernel (host_fields.py)
            function.adopt(allocator.alloc(function.shape_allocated, function.dtype)[0])
        else:
            function._allocator, function._initializer = allocator, _untouched
            function._data_allocated  # noqa: B018 - allocates now, through the allocator
        advised += allocator.advised
    return advised
