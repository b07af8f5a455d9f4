"""Large grid arrays are backed by huge pages and keep their (zero) contents."""

from __future__ import annotations

import numpy as np
from devito import Function, Grid
from seisless_compute.solvers.hugepages import MIN_BYTES, advise_huge_pages


def _anon_huge_kib(start: int, end: int) -> int:
    """AnonHugePages of the mappings of this process that overlap [start, end)."""
    total, inside = 0, False
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            head = line.split()[0]
            if "-" in head and ":" not in head:
                lo, hi = (int(x, 16) for x in head.split("-"))
                inside = lo < end and hi > start
            elif inside and head == "AnonHugePages:":
                total += int(line.split()[1])
    return total


def test_a_large_array_is_advised_zero_and_then_faults_in_huge_pages():
    # Arrange: 160^3 float32 plus the halo of space order 8 is ~22 MiB
    f = Function(name="big", grid=Grid(shape=(160, 160, 160)), space_order=8)

    advised = advise_huge_pages(f)
    data = f.data_with_halo
    data[:] = 1.5  # the first touch after the advice

    # Assert
    assert advised >= MIN_BYTES - (4 << 20)
    assert float(data.min()) == float(data.max()) == 1.5
    start = data.ctypes.data
    assert _anon_huge_kib(start, start + data.nbytes) > 0


def test_the_data_reads_as_zeros_after_the_advice():
    f = Function(name="zeros", grid=Grid(shape=(160, 160, 160)), space_order=8)

    advise_huge_pages(f)

    assert not np.any(f.data_with_halo)


def test_small_arrays_stay_unallocated():
    f = Function(name="small", grid=Grid(shape=(101, 51)), space_order=8)

    assert advise_huge_pages(f) == 0
    assert f._data is None


def test_an_allocated_array_keeps_its_values():
    f = Function(name="kept", grid=Grid(shape=(160, 160, 160)), space_order=8)
    f.data[:] = 2.0

    assert advise_huge_pages(f) == 0
    assert float(f.data.min()) == 2.0
