"""Compiler options shared by every operator builder."""

from __future__ import annotations

__all__ = ["DEFAULT_OPT"]

#: Devito optimisation level and options: ``advanced`` = loop blocking, CIRE (cross-iteration
#: redundancy elimination), factorisation, invariant hoisting, SIMD, OpenMP. Measured on the
#: 3D space-order-8 forward (``solvers.measure_forward_gpts``, 2 shared cores, best of 5
#: interleaved runs, GPts/s at 128^3 / 200^3): defaults 0.50 / 0.43, autotuned block sizes
#: 0.52 / 0.43, ``blocklevels=2`` 0.50 / 0.43, ``min-storage`` 0.49, ``par-collapse-ncores=1``
#: 0.48, ``advanced-fsg`` 0.48, ``cire-mingain=0`` 0.42, ``blockinner`` 0.10 (1 thread),
#: ``linearize`` 0.07 (noisy). Nothing beat the defaults beyond noise, so they stay. Later, at
#: 256^3: block sizes 8x8..64x16 0.86-0.89, ``-funroll-loops``/``-mrecip=all`` no gain; what
#: helped was memory placement, not code generation (solvers/hugepages.py: +6-10 %), then
#: less work per point (stencil.py: no division; fields.py: two in-place buffers; +11 %).
#: clang 14, ``linearize``, ``cire-rotate`` and thread pinning: no gain beyond noise.
DEFAULT_OPT = ("advanced", {})
