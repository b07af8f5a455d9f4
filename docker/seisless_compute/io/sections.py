"""Parsers of the task file's sections (``docs/contracts/jobs.md``), one function each."""

from __future__ import annotations

import math
from dataclasses import dataclass

from seisless_compute.io.fields import Fields, is_int, is_key, is_number, is_vector

__all__ = [
    "AcquisitionSpec", "GridSpec", "ModelSpec", "PhysicsSpec", "ReductionSpec", "TrialSpec",
    "parse_acquisition", "parse_grid", "parse_model", "parse_physics", "parse_reduction",
    "parse_trial",
]

PRESETS = ("layered", "camembert", "bp-salt", "layered-tti", "overthrust")
#: TTI parameters: a number (everywhere) or the key of a model-shaped object; angles in degrees.
ANISOTROPY_NAMES = ("epsilon", "delta", "theta", "phi")


@dataclass(frozen=True)
class GridSpec:
    """Model grid: ``shape`` in points, ``spacing`` and ``origin`` in metres, axes [x,(y,)z]."""

    shape: tuple[int, ...]
    spacing: tuple[float, ...]
    origin: tuple[float, ...]


@dataclass(frozen=True)
class AcquisitionSpec:
    """Sources (one per shot id), receivers, times in ms, frequency in Hz.

    Per-shot geometry: with ``receivers_follow_source`` the receivers' first coordinate is an
    offset from each shot's source (a towed streamer); with ``geometry_from_data`` each shot's
    source and receivers come from its record (SEG-Y headers or the ``.npy`` sidecar).
    ``aperture_m``: each shot models only its source-receiver span plus this buffer.
    ``max_offset_m``: limited offset, each shot keeps the receivers within this horizontal
    distance of its source.
    """

    sources: tuple[tuple[float, ...], ...]
    receivers: tuple[tuple[float, ...], ...]
    recording_time_ms: float
    peak_frequency_hz: float
    sampling_ms: float | None
    aperture_m: float | None = None
    receivers_follow_source: bool = False
    geometry_from_data: bool = False
    max_offset_m: float | None = None


@dataclass(frozen=True)
class PhysicsSpec:
    """The wave equation (``kind``: ``acoustic`` or ``tti``), discretisation and imaging options."""

    space_order: int = 8
    nbl: int = 40
    imaging_condition: str = "standard"
    checkpointing: bool = False
    # One run-wide maximum velocity fixes the time axis of every job of a run, so objectives of
    # FWI trial models (whose max velocity differs) are sums over the same time samples.
    vp_max_kms: float | None = None
    # The stored forward wavefield's time subsampling: an integer k >= 1 or 'auto'
    # (solvers/subsampling.py); refused with checkpointing.
    wavefield_subsampling: int | str = 1
    kind: str = "acoustic"


@dataclass(frozen=True, kw_only=True)
class ModelSpec:
    """``model`` task: a preset, or an ``.npy``/SEG-Y object ``key``; background smoothing."""

    preset: str | None
    key: str | None
    shape: tuple[int, ...] | None
    spacing: tuple[float, ...] | None
    smoothing_m: float | None
    #: With ``key`` (TTI): each parameter a number or an object key, by name.
    anisotropy: dict[str, float | str] | None = None


@dataclass(frozen=True)
class TrialSpec:
    """``objective`` task: evaluate at ``model + step · direction`` (FWI: clipped to ``bounds``,
    ``[min, max]`` km/s)."""

    step: float
    direction: str
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class ReductionSpec:
    """``gradient`` task: chunk size (elements) and batch size of the reduction.

    ``shot_chunks``: with apertures, per batch position the chunks ``[first, end)`` its window
    touches, the only ones its shot sends and the reducer expects (``None``: every chunk).
    """

    chunk_size: int
    batch_size: int
    shot_chunks: tuple[tuple[int, int], ...] | None = None


def _shape(value) -> bool:
    return is_vector(value, None, lambda n: is_int(n, 3)) and len(value) in (2, 3)


def _spacing(ndim: int):
    return lambda value: is_vector(value, ndim, lambda h: is_number(h) and h > 0)


def parse_grid(fields: Fields) -> GridSpec:
    """Parse ``grid``: shape (2 or 3 integers >= 3), spacing (> 0) and origin (default 0)."""
    shape = fields.get("shape", _shape, "a list of 2 or 3 integers >= 3")
    ndim = len(shape)
    spacing = fields.get("spacing", _spacing(ndim), f"a list of {ndim} positive numbers")
    origin = fields.get("origin", lambda v: is_vector(v, ndim, is_number),
                        f"a list of {ndim} numbers", default=[0.0] * ndim)
    return GridSpec(tuple(shape), tuple(map(float, spacing)), tuple(map(float, origin)))


def _points(fields: Fields, name: str, grid: GridSpec, *,
            inside: bool = True) -> tuple[tuple[float, ...], ...]:
    ndim = len(grid.shape)
    low = grid.origin
    high = tuple(o + (n - 1) * h for o, n, h in zip(grid.origin, grid.shape, grid.spacing))
    expected = f"a non-empty list of [{', '.join('xyz'[3 - ndim:])}] coordinates in metres"
    points = fields.get(name, lambda v: is_vector(v, None, lambda p: is_vector(p, ndim, is_number))
                        and len(v) > 0, expected)
    for index, point in enumerate(points if inside else ()):
        if not all(lo <= c <= hi for lo, c, hi in zip(low, point, high)):
            raise fields.error(f"{name}[{index}]", str(point),
                               f"a point inside the grid, {list(low)} to {list(high)}")
    return tuple(tuple(map(float, p)) for p in points)


def parse_acquisition(fields: Fields, grid: GridSpec) -> AcquisitionSpec:
    """Parse ``acquisition``: coordinates inside ``grid``, positive times and frequency."""
    positive = lambda v: is_number(v) and v > 0
    boolean = lambda v: isinstance(v, bool)
    follow = fields.get("receiversFollowSource", boolean, "true or false", default=False)
    aperture = fields.get("apertureM", lambda v: is_number(v) and v >= 0,
                          "a non-negative number (m)", default=None)
    max_offset = fields.get("maxOffsetM", positive, "a positive number (m)", default=None)
    return AcquisitionSpec(
        sources=_points(fields, "sources", grid),
        # Offsets from the source are checked per shot (tasks/shot_geometry.py).
        receivers=_points(fields, "receivers", grid, inside=not follow),
        recording_time_ms=float(fields.get("recordingTimeMs", positive, "a positive number (ms)")),
        peak_frequency_hz=float(fields.get("peakFrequencyHz", positive, "a positive number (Hz)")),
        sampling_ms=fields.get("samplingMs", positive, "a positive number (ms)", default=None),
        aperture_m=None if aperture is None else float(aperture),
        receivers_follow_source=follow,
        geometry_from_data=fields.get("geometryFromData", boolean, "true or false", default=False),
        max_offset_m=None if max_offset is None else float(max_offset),
    )


def parse_physics(fields: Fields | None) -> PhysicsSpec:
    """Parse ``physics`` (every field optional)."""
    if fields is None:
        return PhysicsSpec()
    default = PhysicsSpec()
    return PhysicsSpec(
        space_order=fields.get("spaceOrder", lambda v: is_int(v, 2) and v % 2 == 0 and v <= 16,
                               "an even integer from 2 to 16", default=default.space_order),
        nbl=fields.get("nbl", is_int, "a non-negative integer", default=default.nbl),
        imaging_condition=fields.get("imagingCondition", lambda v: v in ("standard", "isic"),
                                     "'standard' or 'isic'", default=default.imaging_condition),
        checkpointing=fields.get("checkpointing", lambda v: isinstance(v, bool), "true or false",
                                 default=default.checkpointing),
        vp_max_kms=fields.get("vpMaxKmS", lambda v: is_number(v) and v > 0,
                              "a positive number (km/s)", default=None),
        wavefield_subsampling=fields.get(
            "wavefieldSubsampling", lambda v: v == "auto" or is_int(v, 1),
            "an integer >= 1 or 'auto'", default=default.wavefield_subsampling),
        kind=fields.get("kind", lambda v: v in ("acoustic", "tti"), "'acoustic' or 'tti'",
                        default=default.kind),
    )


def parse_model(fields: Fields) -> ModelSpec:
    """Parse ``model``: a ``preset`` with shape and spacing, or an object ``key``."""
    if ("preset" in fields.data) == ("key" in fields.data):
        raise fields.error("preset", "both or neither of preset and key", "exactly one of them")
    preset = fields.get("preset", lambda v: v in PRESETS, f"one of {', '.join(PRESETS)}",
                        default=None)
    key = fields.get("key", is_key, "an S3 key of a .npy or .segy/.sgy velocity model",
                     default=None)
    optional = {} if preset else {"default": None}
    shape = fields.get("shape", _shape, "a list of 2 or 3 integers >= 3", **optional)
    ndims = (len(shape),) if shape else (2, 3)
    spacing = fields.get(
        "spacing", lambda v: isinstance(v, list) and len(v) in ndims and _spacing(len(v))(v),
        f"a list of {' or '.join(map(str, ndims))} positive numbers (m)", **optional)
    smoothing = fields.get("smoothingM", lambda v: is_number(v) and v > 0,
                           "a positive number (m)", default=None)
    anisotropy = None
    child = fields.child("anisotropy", ANISOTROPY_NAMES, required=False)
    if child is not None:
        value = lambda v: is_number(v) or is_key(v)
        anisotropy = {name: child.get(name, value, "a number or an S3 key of a .npy/SEG-Y object",
                                      **({"default": None} if name == "phi" else {}))
                      for name in ANISOTROPY_NAMES}
        anisotropy = {name: v for name, v in anisotropy.items() if v is not None}
    return ModelSpec(preset=preset, key=key, shape=tuple(shape) if shape else None,
                     spacing=tuple(map(float, spacing)) if spacing else None,
                     smoothing_m=smoothing, anisotropy=anisotropy)


def parse_trial(fields: Fields) -> TrialSpec:
    """Parse ``trial``: a finite step, the key of a direction array, optional velocity bounds."""
    bounds = fields.get("bounds", lambda v: is_vector(v, 2, lambda b: is_number(b) and b > 0)
                        and v[0] < v[1], "[minKmS, maxKmS] with 0 < min < max", default=None)
    return TrialSpec(float(fields.get("step", is_number, "a finite number")),
                     fields.get("direction", is_key, "an S3 key of a .npy array"),
                     None if bounds is None else (float(bounds[0]), float(bounds[1])))


def parse_reduction(fields: Fields, shot_count: int,
                    shape: tuple[int, ...] | None = None) -> ReductionSpec:
    """Parse ``reduction``: chunk size >= 1, a batch size covering every listed shot and the
    optional ``shotChunks``, one chunk range per batch position within the gradient of ``shape``
    (the grid's; required with ``shotChunks``)."""
    chunk_size = fields.get("chunkSize", lambda v: is_int(v, 1), "a positive integer (elements)")
    batch_size = fields.get("batchSize", lambda v: is_int(v, max(1, shot_count)),
                            f"an integer >= {shot_count}, the number of shots")
    return ReductionSpec(chunk_size, batch_size, _shot_chunks(
        fields, batch_size=batch_size, chunk_size=chunk_size, shape=shape))


def _shot_chunks(fields: Fields, *, batch_size: int, chunk_size: int,
                 shape: tuple[int, ...] | None) -> tuple[tuple[int, int], ...] | None:
    ranges = fields.get(
        "shotChunks", lambda v: is_vector(v, batch_size, lambda r: is_vector(r, 2, is_int)),
        f"a list of {batch_size} [first, end] chunk ranges, one per batch position", default=None)
    if ranges is None:
        return None
    if shape is None:
        raise fields.error("shotChunks", "ranges without a grid",
                           "a 'grid' section, whose shape the chunks divide")
    # The chunk count of the messages (io/messages.py): ceil(N / S).
    count = max(1, math.ceil(math.prod(shape) / chunk_size))
    for index, (first, end) in enumerate(ranges):
        if not first < end <= count:
            raise fields.error(f"shotChunks[{index}]", str([first, end]),
                               f"[first, end] with 0 <= first < end <= {count}, the chunk count")
    return tuple((first, end) for first, end in ranges)
