"""SEG-Y readers (segyio): velocity models and shot records.

A 2D velocity model is one trace per x position with samples along depth, i.e. ``[nx, nz]``
in Devito's axis order; a 3D model's traces are inline-major (``[nx, ny, nz]`` once reshaped).
SEG-Y velocities are usually in m/s: values whose median exceeds 100 are divided by 1000.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seisless_compute.errors import InputError

__all__ = [
    "SegyGeometry", "is_segy_key", "read_segy_geometry", "read_segy_grid", "read_segy_shot", "read_segy_velocity",
]

_SUFFIXES = (".segy", ".sgy")


@dataclass(frozen=True)
class SegyGeometry:
    """One shot's geometry from its trace headers, metres, model axes ``[x, (y,) z]``.

    ``x`` (and ``y``) are the scaled ``SourceX``/``GroupX`` (``SourceY``/``GroupY``): a 2D line
    is taken to run along ``x`` in the model's frame. Depth ``z`` is ``SourceDepth`` for the
    source (``-SourceSurfaceElevation`` when that is 0) and ``-ReceiverGroupElevation`` for
    the receivers (elevations are positive up, depths positive down).
    """

    source: np.ndarray
    receivers: np.ndarray


def is_segy_key(key: str) -> bool:
    """Whether a key names a SEG-Y object (by its suffix)."""
    return key.lower().endswith(_SUFFIXES)


def _traces(body: bytes, source: str) -> tuple[np.ndarray, float]:
    """All traces of a SEG-Y file as ``[ntraces, nsamples]`` float32, and the interval in ms."""
    import tempfile  # here, with segyio: jobs without SEG-Y input load neither

    import segyio

    with tempfile.NamedTemporaryFile(suffix=".segy") as handle:
        handle.write(body)
        handle.flush()
        try:
            with segyio.open(handle.name, "r", ignore_geometry=True) as segy:
                traces = np.asarray(segy.trace.raw[:], dtype=np.float32)
                interval_ms = float(segyio.tools.dt(segy)) / 1000.0
        except (RuntimeError, ValueError, OSError, IndexError) as error:
            raise InputError(source, f"an unreadable SEG-Y file ({error})",
                             "a SEG-Y rev 0/1 file segyio can open") from error
    if traces.ndim != 2 or traces.size == 0:
        raise InputError(source, "a SEG-Y file without traces", "at least one trace")
    return traces, interval_ms


def _scaled(values: np.ndarray, scalars: np.ndarray) -> np.ndarray:
    """SEG-Y scalar convention: positive multiplies, negative divides, 0 means 1."""
    factor = np.ones(scalars.shape, dtype=np.float64)
    factor[scalars > 0] = scalars[scalars > 0]
    factor[scalars < 0] = -1.0 / scalars[scalars < 0]
    return values.astype(np.float64) * factor


def _header_geometry(segy, ndim: int, source: str) -> SegyGeometry:
    import segyio

    field = segyio.TraceField

    def column(name: str) -> np.ndarray:
        return np.asarray(segy.attributes(getattr(field, name))[:], dtype=np.int64)

    coordinate, elevation = column("SourceGroupScalar"), column("ElevationScalar")
    lateral = ("X", "Y")[: ndim - 1]
    sx = [_scaled(column(f"Source{a}"), coordinate) for a in lateral]
    gx = [_scaled(column(f"Group{a}"), coordinate) for a in lateral]
    depth = _scaled(column("SourceDepth"), elevation)
    sz = np.where(depth != 0, depth, -_scaled(column("SourceSurfaceElevation"), elevation))
    gz = -_scaled(column("ReceiverGroupElevation"), elevation)
    sources = np.stack([*sx, sz], axis=1)
    if not np.allclose(sources, sources[0], rtol=0, atol=1e-6 * (1 + np.abs(sources[0]).max())):
        raise InputError(source, "traces with different source positions in their headers",
                         "one shot per file (one SourceX/SourceY/SourceDepth)")
    return SegyGeometry(source=sources[0], receivers=np.stack([*gx, gz], axis=1))


def read_segy_geometry(body: bytes, source: str, ndim: int = 2) -> SegyGeometry:
    """Read one shot's source and receiver positions from its trace headers.

    Parameters
    ----------
    body : bytes
        The SEG-Y object (one shot: every trace carries the same source position).
    source : str
        Its key, for error messages.
    ndim : int
        Dimensions of the model (2: ``[x, z]``, 3: ``[x, y, z]``).

    Returns
    -------
    SegyGeometry
        Coordinates scaled by ``SourceGroupScalar`` and depths by ``ElevationScalar``.
    """
    import tempfile  # here, with segyio: jobs without SEG-Y input load neither

    import segyio

    with tempfile.NamedTemporaryFile(suffix=".segy") as handle:
        handle.write(body)
        handle.flush()
        try:
            with segyio.open(handle.name, "r", ignore_geometry=True) as segy:
                if segy.tracecount == 0:
                    raise InputError(source, "a SEG-Y file without traces", "at least one trace")
                return _header_geometry(segy, ndim, source)
        except (RuntimeError, ValueError, OSError, IndexError) as error:
            raise InputError(source, f"an unreadable SEG-Y file ({error})",
                             "a SEG-Y rev 0/1 file segyio can open") from error


def read_segy_grid(body: bytes, source: str, shape: tuple[int, ...] | None) -> np.ndarray:
    """Read a model-shaped property as it is stored (no unit conversion), float32, in Devito's
    axis order (one trace per lateral position, samples along depth)."""
    traces, _ = _traces(body, source)
    if shape is not None:
        if int(np.prod(shape)) != traces.size or shape[-1] != traces.shape[1]:
            raise InputError(source, f"{traces.shape[0]} traces of {traces.shape[1]} samples",
                             f"a model of shape {list(shape)} (traces x samples)")
        traces = traces.reshape(shape)
    return np.ascontiguousarray(traces, dtype=np.float32)


def read_segy_velocity(body: bytes, source: str, shape: tuple[int, ...] | None) -> np.ndarray:
    """Read a velocity model in km/s.

    Parameters
    ----------
    body : bytes
        The SEG-Y object.
    source : str
        Its key, for error messages.
    shape : tuple of int, optional
        Expected ``[nx, nz]`` or ``[nx, ny, nz]``; required to unfold a 3D model.

    Returns
    -------
    numpy.ndarray
        float32 velocities in km/s, in Devito's axis order.
    """
    traces = read_segy_grid(body, source, shape)
    if np.median(traces) > 100.0:
        traces = traces / np.float32(1000.0)
    return np.ascontiguousarray(traces, dtype=np.float32)


def read_segy_shot(body: bytes, source: str) -> tuple[np.ndarray, float]:
    """Read a shot record: one trace per receiver.

    Returns
    -------
    data : numpy.ndarray
        float32 ``[nt, nrec]``.
    dt_ms : float
        Sample interval in milliseconds.
    """
    traces, interval_ms = _traces(body, source)
    if not interval_ms > 0:
        raise InputError(source, f"a sample interval of {interval_ms} ms", "a positive interval")
    return np.ascontiguousarray(traces.T), interval_ms
