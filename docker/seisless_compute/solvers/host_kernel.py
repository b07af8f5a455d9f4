"""Run a compiled Devito operator without Devito: its shared object and argument layout.

Why: a job that finds its operators compiled spent about 0.6 s importing Devito and sympy and
unpickling operators before its first kernel, for kernels of 1-2 s (issue 18). What Devito does
at ``apply`` for a serial operator is small: it passes, in the order of ``op.parameters``, a
``struct dataobj`` per array (pointer and shape), the loop bounds and constants, the thread
counts and a ``struct profiler`` whose fields are the sections' times. :func:`capture` records
that once, from a Devito operator, in a JSON manifest beside a copy of its shared object;
:class:`HostKernel` loads the object with ctypes and passes the same arguments.

What varies between calls of one compiled operator is declared (``RUNTIME``) and checked at
capture: the manifest is refused unless every other scalar argument has the same value for two
different time steps and subsampling factors. Array shapes are checked at every call
against those the operator was captured with, except along a saved history's time axis. A
test compares every argument with Devito's own, field by field, and the results bit for bit.

A region's thicknesses (``x_ltkn0``, ...: how far a ``SubDomain`` stays from each side of the
grid) may be given at a call, to narrow it: the loops over the region and the arrays defined on
it (their captured shape is the region's) follow, e.g. a history and an imaging condition that
leave out the rows a water mute zeroes anyway.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["RUNTIME", "HostKernel", "ManifestError", "capture"]

#: Scalar arguments given at each call; every other scalar is a constant of the operator.
RUNTIME = ("time_m", "time_M", "dt", "tsubf")
#: Scalars whose value is the process's thread count (``OMP_NUM_THREADS`` as Devito reads it).
THREADS = ("nthreads", "nthreads_nonaffine")
#: A region's thickness: ``<dimension>_ltkn<n>`` (left) or ``_rtkn<n>`` (right).
_THICKNESS = re.compile(r"^([a-z])_([lr])tkn\d+$")
_CTYPES = {"int": ctypes.c_int, "float": ctypes.c_float, "double": ctypes.c_double,
           "long": ctypes.c_long}


class ManifestError(RuntimeError):
    """An operator whose arguments this module cannot pass (e.g. MPI ones), or a manifest that
    does not describe the call."""


class _DataObj(ctypes.Structure):
    """Devito's ``struct dataobj`` (devito/types/dense.py ``_C_make_dataobj``)."""

    _fields_ = [("data", ctypes.c_void_p), ("size", ctypes.POINTER(ctypes.c_int)),
                ("nbytes", ctypes.c_ulong), ("npsize", ctypes.POINTER(ctypes.c_ulong)),
                ("dsize", ctypes.POINTER(ctypes.c_ulong)), ("hsize", ctypes.POINTER(ctypes.c_int)),
                ("hofs", ctypes.POINTER(ctypes.c_int)), ("oofs", ctypes.POINTER(ctypes.c_int)),
                ("dmap", ctypes.c_void_p)]


def _ctype_name(ctype) -> str:
    for name, known in _CTYPES.items():
        if ctype is known:
            return name
    raise ManifestError(f"scalar of C type {ctype!r}")


def capture(op, library: Path, *, fields_at) -> dict:
    """The manifest of Devito operator ``op`` (compiled and loaded), whose shared object has
    been copied to ``library``.

    Parameters
    ----------
    op : devito.Operator
        A serial operator (no MPI arguments).
    library : pathlib.Path
        Where the copy of its shared object is.
    fields_at : callable
        ``fields_at(dt, factor)`` -> Devito's argument map for those run-time values
        (``op.arguments`` on the operator's own symbolic functions).
    """
    first, second = fields_at(0.5, 2), fields_at(0.25, 3)
    params = []
    for param in op.parameters:
        name = param.name
        if getattr(param, "is_DiscreteFunction", False):
            params.append(_function_entry(param, first[name]._obj))
        elif name == "timers":
            params.append({"name": name, "kind": "profiler",
                           "sections": [f for f, _ in first[name]._obj._fields_]})
        elif name in THREADS:
            params.append({"name": name, "kind": "threads", "default": int(first[name])})
        elif hasattr(param, "_C_ctype") and param._C_ctype in _CTYPES.values():
            entry = {"name": name, "kind": "scalar", "ctype": _ctype_name(param._C_ctype)}
            if name not in RUNTIME:
                if first[name] != second[name]:
                    raise ManifestError(f"{op.name}: argument {name} varies between calls "
                                        f"({first[name]} / {second[name]})")
                entry["value"] = float(first[name]) if entry["ctype"] != "int" else int(
                    first[name])
            params.append(entry)
        else:
            raise ManifestError(f"{op.name}: argument {name} ({type(param).__name__})")
    return {"function": op.name, "library": library.name, "parameters": params}


def _function_entry(param, obj) -> dict:
    """An array argument: its shape and halo; the time axis of a saved history or a sparse
    function (its length is the run's) is marked ``null``."""
    shape = [int(obj.size[i]) for i in range(param.ndim)]
    halo = [[int(h.left), int(h.right)] for h in param._size_halo]
    padding = [[int(p.left), int(p.right)] for p in param._size_padding]
    saved = getattr(param, "is_TimeFunction", False) and not param._time_buffering
    free_time = saved or getattr(param, "is_SparseTimeFunction", False)
    if free_time and (halo[0] != [0, 0] or padding[0] != [0, 0]):
        raise ManifestError(f"{param.name}: a time axis with halo or padding")
    return {"name": param.name, "kind": "array",
            "shape": [None if free_time and i == 0 else n for i, n in enumerate(shape)],
            "halo": halo, "padding": padding, "dtype": np.dtype(param.dtype).name}


@dataclass
class _Array:
    """One array argument, its ctypes metadata kept alive with it."""

    obj: _DataObj
    keep: tuple


def _dataobj(entry: dict, array: np.ndarray) -> _Array:
    """Devito's ``dataobj`` of ``array`` (the whole allocation, halo included)."""
    ndim = len(entry["shape"])
    halo, padding = entry["halo"], entry["padding"]
    domain = [n - h[0] - h[1] - p[0] - p[1] for n, h, p in zip(array.shape, halo, padding,
                                                               strict=True)]
    size = (ctypes.c_int * ndim)(*array.shape)
    npsize = (ctypes.c_ulong * ndim)(*[n - p[0] - p[1] for n, p in zip(array.shape, padding,
                                                                         strict=True)])
    dsize = (ctypes.c_ulong * ndim)(*domain)
    hsize = (ctypes.c_int * (2 * ndim))(*[v for h in halo for v in h])
    hofs = (ctypes.c_int * (2 * ndim))(*[v for p, h, d in zip(padding, halo, domain, strict=True)
                                        for v in (p[0], p[0] + h[0] + d)])
    oofs = (ctypes.c_int * (2 * ndim))(*[v for p, h, d in zip(padding, halo, domain, strict=True)
                                        for v in (p[0] + h[0], p[0] + h[0] + d - h[1])])
    obj = _DataObj(array.ctypes.data, size, array.nbytes, npsize, dsize, hsize, hofs, oofs, None)
    return _Array(obj, (array, size, npsize, dsize, hsize, hofs, oofs))


def _threads(default: int) -> int:
    """Devito's thread count: ``OMP_NUM_THREADS``, else its default on the capturing machine."""
    configured = os.environ.get("OMP_NUM_THREADS")
    return max(int(configured), 1) if configured else default


class HostKernel:
    """A compiled operator loaded from its manifest: ``run(**arguments)`` as ``op.apply``.

    Parameters
    ----------
    manifest : dict
        What :func:`capture` recorded.
    directory : pathlib.Path
        Where the manifest's shared object is.
    """

    def __init__(self, manifest: dict, directory: Path):
        # libgomp reads its environment when it is loaded (solvers/environment.py says why).
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        self.name = manifest["function"]
        self._params = manifest["parameters"]
        library = ctypes.CDLL(str(directory / manifest["library"]))
        self._function = getattr(library, self.name)
        self._function.restype = ctypes.c_int
        self._library = library
        profiler = next((p for p in self._params if p["kind"] == "profiler"), None)
        self.sections = () if profiler is None else tuple(profiler["sections"])
        self._profiler = type("profiler", (ctypes.Structure,),
                              {"_fields_": [(s, ctypes.c_double) for s in self.sections]})
        self._function.argtypes = [self._argtype(p) for p in self._params]
        self._region = _captured_region(self._params)

    @property
    def parameter_names(self) -> set[str]:
        """The names of the operator's arguments."""
        return {p["name"] for p in self._params}

    def _argtype(self, param: dict):
        kind = param["kind"]
        if kind == "array":
            return ctypes.POINTER(_DataObj)
        if kind == "profiler":
            return ctypes.POINTER(self._profiler)
        if kind == "threads":
            return ctypes.c_int
        return _CTYPES[param["ctype"]]

    def run(self, **arguments) -> dict[str, float]:
        """Run the kernel on ``arguments`` (arrays as host functions by name, and the run-time
        scalars); returns each section's seconds. Arrays not yet allocated are allocated zero,
        as Devito does."""
        _check_time_range(self.name, self._params, arguments)
        narrowed = self._narrowed(arguments)
        values, keep = [], []
        timers = self._profiler()
        for param in self._params:
            name, kind = param["name"], param["kind"]
            if kind == "array":
                array = self._array(param, arguments, narrowed)
                keep.append(array)
                values.append(ctypes.pointer(array.obj))
            elif kind == "profiler":
                values.append(ctypes.pointer(timers))
            elif kind == "threads":
                values.append(_threads(param["default"]))
            elif name in narrowed:
                values.append(narrowed[name])
            elif "value" in param:
                values.append(param["value"])
            elif name in arguments:
                values.append(arguments[name])
            else:
                raise ManifestError(f"{self.name}: run-time argument {name} not given")
        status = self._function(*values)
        if status != 0:
            raise ManifestError(f"{self.name}: the kernel returned {status}")
        return {s: float(getattr(timers, s)) for s in self.sections}

    def _narrowed(self, arguments: dict) -> dict[str, int]:
        """The region thicknesses ``arguments`` give: each one of the operator's, at least its
        captured value (a region only narrows) and leaving the region at least one point."""
        given = {name: int(value) for name, value in arguments.items()
                 if _THICKNESS.match(name)}
        for name, value in given.items():
            captured = self._region.thickness.get(name)
            if captured is None:
                raise ManifestError(f"{self.name}: no region thickness {name}")
            dimension, _ = _THICKNESS.match(name).groups()
            other = next((n for n in self._region.thickness if n != name
                          and _THICKNESS.match(n).group(1) == dimension), None)
            width = self._region.extent[dimension] - value - (
                0 if other is None else given.get(other, self._region.thickness[other]))
            if value < captured or width < 1:
                raise ManifestError(f"{self.name}: {name} = {value}; expected at least {captured}"
                                    " and a region of at least one point")
        return given

    def _array(self, param: dict, arguments: dict, narrowed: dict[str, int]) -> _Array:
        name = param["name"]
        owner = name.removesuffix("_coords")
        function = arguments.get(owner)
        if function is None:
            raise ManifestError(f"{self.name}: array {name} not given")
        if owner != name:
            function = function.coordinates
        array = function.data_with_halo
        expected = self._region.narrow(param["shape"], narrowed)
        if len(array.shape) != len(expected) or any(
                e is not None and e != n for e, n in zip(expected, array.shape, strict=True)):
            raise ManifestError(f"{self.name}: {name} has shape {array.shape}, compiled for "
                                f"{expected} (None: any length)")
        if array.dtype.name != param["dtype"] or not array.flags.c_contiguous:
            raise ManifestError(f"{self.name}: {name} is {array.dtype}, expected a contiguous "
                                f"{param['dtype']} array")
        return _dataobj(param, array)


@dataclass(frozen=True)
class _Region:
    """The operator's region: each dimension's extent (``<d>_M - <d>_m + 1``), the captured
    thicknesses by name, and the spatial shape of the arrays defined on it."""

    extent: dict[str, int]
    thickness: dict[str, int]

    @property
    def shape(self) -> tuple[int, ...] | None:
        """The region's captured shape, in the dimensions' order; None without a region."""
        if not self.thickness:
            return None
        sides = {}
        for name, value in self.thickness.items():
            dimension, _ = _THICKNESS.match(name).groups()
            sides[dimension] = sides.get(dimension, 0) + value
        return tuple(self.extent[d] - sides.get(d, 0) for d in self.extent)

    def narrow(self, shape: list, narrowed: dict[str, int]) -> list:
        """``shape`` (an array's captured shape) as the call's thicknesses make it: an array
        whose spatial axes are the region's loses what the region loses."""
        region = self.shape
        if not narrowed or region is None or tuple(shape[-len(region):]) != region:
            return shape
        lost = dict.fromkeys(self.extent, 0)
        for name, value in narrowed.items():
            lost[_THICKNESS.match(name).group(1)] += value - self.thickness[name]
        return [*shape[:-len(region)], *(n - lost[d] for n, d in zip(region, self.extent,
                                                                       strict=True))]


def _captured_region(params: list[dict]) -> _Region:
    """The region of an operator's manifest (none: no thickness arguments, or more than one
    region, whose thicknesses are then not given at calls)."""
    values = {p["name"]: p.get("value") for p in params if p["kind"] == "scalar"}
    thickness = {name: int(value) for name, value in values.items()
                 if _THICKNESS.match(name) and value is not None}
    sides = [_THICKNESS.match(name).groups() for name in thickness]
    if len(set(sides)) != len(sides):
        return _Region({}, {})  # two regions along a dimension: which one to narrow is unclear
    dimensions = dict.fromkeys(dimension for dimension, _ in sides)
    extent = {}
    for d in sorted(dimensions):
        low, high = values.get(f"{d}_m"), values.get(f"{d}_M")
        if low is None or high is None:
            raise ManifestError(f"a region along {d} without its bounds {d}_m, {d}_M")
        extent[d] = int(high) - int(low) + 1
    return _Region(extent, thickness)


def _check_time_range(name: str, params: list[dict], arguments: dict) -> None:
    """Refuse arrays whose free time axis is shorter than the steps asked for: ``time_M + 2``
    samples (``u[t+1]`` is written at ``t = time_M``), ``ceil((time_M + 2) / tsubf)`` for a
    history kept every ``tsubf``-th step. Devito checks this in ``arguments``; C would not."""
    needed = int(arguments.get("time_M", -2)) + 2
    factor = int(arguments.get("tsubf", 1))
    for param in params:
        if param["kind"] != "array" or param["shape"][0] is not None:
            continue
        owner = arguments.get(param["name"])
        if owner is None:
            continue  # a coordinates array (fixed shape) or missing (refused by the caller)
        length = owner.data_with_halo.shape[0]
        if length < needed and length < -(-needed // factor):
            raise ManifestError(f"{name}: {param['name']} has {length} time samples, "
                                f"the run needs {needed}")


def load(path: Path) -> HostKernel:
    """The kernel of the manifest at ``path`` (``ManifestError`` or ``OSError`` when unusable)."""
    return HostKernel(json.loads(path.read_text()), path.parent)
