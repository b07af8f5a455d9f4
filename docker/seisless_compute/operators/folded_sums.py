"""Cosine and sine sums over the samples of a time axis, ``sum_n cos(a_k n) x_n`` and
``sum_n sin(a_k n) x_n``, and their transpose, as real matrix products of half the usual size.

About the middle sample ``c = (nt - 1) / 2``, with ``n = c +- s``, ``cos(a (c +- s)) = cos(a c)
cos(a s) -+ sin(a c) sin(a s)`` (and likewise for the sine): the sums need only the tables of
``cos(a_k s)`` and ``sin(a_k s)`` for the ``ceil(nt / 2)`` offsets ``s``, applied to the sum and
the difference of the samples at ``c + s`` and ``c - s``, then a rotation by ``a_k c`` per
frequency. Half the multiply-adds of the plain tables, and half their memory.

Angles are given by a function of doubled positions ``2 p`` (integers: ``p`` is a half-integer
when ``nt`` is even), so that an exact DFT angle ``2 pi k p / N`` can be reduced exactly (``k 2p
mod 2N``). Tables are built from products of two small tables of exponentials, a few rows at a
time (in a fresh process every table-sized temporary is page faults).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["FoldedSums", "split_phases"]

#: Complex values per block when the tables are built (512 KiB).
_CHUNK = 32768

#: ``angles(doubled)``: ``(K, len(doubled))`` angles at the positions ``doubled / 2``.
Angles = Callable[[np.ndarray], np.ndarray]


def split_phases(angles: Angles, count: int, *,
                 first: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``exp(-i angles(2 B b))`` ``(K, nb)`` and ``exp(-i angles(2 a + first))`` ``(K, B)``,
    whose products ``[k, b, a]`` are ``exp(-i angles(2 n + first))`` for ``n = a + B b < count``
    (``angles`` linear)."""
    inner = math.isqrt(max(count - 1, 0)) + 1
    outer = -(-count // inner)
    return (np.exp(-1j * angles(2 * inner * np.arange(outer))),
            np.exp(-1j * angles(2 * np.arange(inner) + first)))


def _fill_cos_sin(angles: Angles, count: int, *, first: int, out: np.ndarray) -> None:
    """``out = [cos; sin](angles(2 n + first))`` for ``n < count``, ``(2K, count)``."""
    coarse, fine = split_phases(angles, count, first=first)
    kept = len(coarse)
    rows = max(1, _CHUNK // (coarse.shape[1] * fine.shape[1]))
    product = np.empty((rows,) + coarse.shape[1:] + fine.shape[1:], dtype=np.complex128)
    for start in range(0, kept, rows):
        stop = min(start + rows, kept)
        block = product[: stop - start]
        np.multiply(coarse[start:stop, :, None], fine[start:stop, None, :], out=block)
        phases = block.reshape(stop - start, -1)[:, :count]
        out[start:stop] = phases.real
        np.negative(phases.imag, out=out[kept + start:kept + stop])


@dataclass(frozen=True)
class FoldedSums:
    """``(U, V) = sum_n (cos, sin)(a_k n) x_n`` over ``n < nt`` and its transpose.

    Build with :meth:`build`; :meth:`forward` maps ``(nt, R)`` to two ``(K, R)`` arrays,
    :meth:`backward` two ``(K, R)`` arrays to ``(nt, R)`` (float64).
    """

    nt: int
    tables: np.ndarray  # (2K, M): cos(a_k s_m) then sin(a_k s_m), s_m the offsets from c
    turn: np.ndarray  # (2, K, 1): cos(a_k c), sin(a_k c)

    @classmethod
    def build(cls, angles: Angles, kept: int, nt: int) -> FoldedSums:
        """The sums of ``kept`` frequencies whose angle at position ``p`` is ``angles(2 p)``."""
        offsets = (nt + 1) // 2
        tables = np.empty((2 * kept, offsets))
        _fill_cos_sin(angles, offsets, first=1 - nt % 2, out=tables)
        return cls.with_tables(angles, nt, tables)

    @classmethod
    def with_tables(cls, angles: Angles, nt: int, tables: np.ndarray) -> FoldedSums:
        """The sums of ``tables`` as :meth:`build` makes them (e.g. kept in a file), with the
        rotation by the angles at the middle sample computed again (``2K`` values)."""
        centre = angles(np.array([nt - 1]))
        return cls(nt, tables, np.stack([np.cos(centre), np.sin(centre)]))

    def _halves(self) -> tuple[slice, slice]:
        """The samples ``c + s`` and ``c - s`` for every offset ``s``, as slices of the axis."""
        below = self.nt // 2 - 1 + self.nt % 2
        return slice(self.nt - (self.nt + 1) // 2, None), slice(below, None, -1)

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        upper, lower = self._halves()
        kept = len(self.tables) // 2
        even = x[upper] + x[lower]
        if self.nt % 2:
            even[0] *= 0.5  # the middle sample is its own mirror
        a = self.tables[:kept] @ even
        b = self.tables[kept:] @ (x[upper] - x[lower])
        cos, sin = self.turn
        return cos * a - sin * b, sin * a + cos * b

    def backward(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        upper, lower = self._halves()
        kept = len(self.tables) // 2
        cos, sin = self.turn
        even = self.tables[:kept].T @ (cos * u + sin * v)
        odd = self.tables[kept:].T @ (cos * v - sin * u)
        out = np.empty((self.nt,) + u.shape[1:])
        out[lower] = even - odd
        out[upper] = even + odd
        return out
