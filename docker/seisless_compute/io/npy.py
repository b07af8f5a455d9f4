"""The ``.npy`` codec of the storage contract: little-endian float32, C order.

Headers are version 1.0 padded to 64 bytes, byte for byte what ``numpy.save`` writes, so that
chunk ``c`` of an array lies at ``header_length + 4·c·S`` (``docs/contracts/messages.md``).
"""

from __future__ import annotations

import ast
import struct
from dataclasses import KW_ONLY, dataclass

import numpy as np

from seisless_compute.errors import InputError, describe

__all__ = ["NpyHeader", "chunk_byte_range", "decode", "encode", "encode_header", "parse_header"]

MAGIC = b"\x93NUMPY"
#: Bytes to fetch to be sure of holding a header written by numpy or by us.
HEADER_PROBE = 4096


@dataclass(frozen=True)
class NpyHeader:
    """What a ``.npy`` header says: dtype, layout, shape and where the data starts."""

    descr: str
    fortran_order: bool
    shape: tuple[int, ...]
    _: KW_ONLY
    header_length: int

    @property
    def element_count(self) -> int:
        """Number of array elements (1 for a 0-d array)."""
        return int(np.prod(self.shape, dtype=np.int64))


def encode_header(shape: tuple[int, ...]) -> bytes:
    """Version-1.0 header of a little-endian float32 C-order array of ``shape``."""
    shape_text = f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(map(str, shape))})"
    text = f"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape_text}, }}"
    padding = (64 - (10 + len(text) + 1) % 64) % 64
    text = text + " " * padding + "\n"
    return MAGIC + b"\x01\x00" + struct.pack("<H", len(text)) + text.encode("latin1")


def encode(array: np.ndarray) -> bytes:
    """Serialise ``array`` as a float32 ``.npy`` object (converting dtype and layout)."""
    data = np.ascontiguousarray(array, dtype="<f4")
    return encode_header(data.shape) + data.tobytes()


def parse_header(prefix: bytes, source: str) -> NpyHeader:
    """Parse the header at the start of a ``.npy`` object.

    Parameters
    ----------
    prefix : bytes
        At least the whole header (:data:`HEADER_PROBE` bytes suffice in practice).
    source : str
        The object's key, used in error messages.

    Raises
    ------
    InputError
        When the bytes are not a ``.npy`` header.
    """
    if len(prefix) < 10 or not prefix.startswith(MAGIC):
        raise InputError(source, describe(prefix[:10]), "a NumPy .npy array (magic bytes)")
    wide = prefix[6] >= 2
    start = 12 if wide else 10
    length = struct.unpack("<I" if wide else "<H", prefix[8:start])[0]
    if len(prefix) < start + length:
        raise InputError(source, f"a truncated header of {len(prefix)} bytes", "a whole .npy header")
    try:
        fields = ast.literal_eval(prefix[start : start + length].decode("latin1"))
        header = NpyHeader(
            str(fields["descr"]), bool(fields["fortran_order"]),
            tuple(int(n) for n in fields["shape"]), header_length=start + length,
        )
    except (ValueError, SyntaxError, KeyError, TypeError) as error:
        raise InputError(source, "a malformed .npy header", "descr, fortran_order and shape") from error
    return header


def decode(body: bytes, source: str) -> np.ndarray:
    """Read a whole ``.npy`` object of any real numeric dtype as a float32 C-order array.

    Raises
    ------
    InputError
        When the header is malformed, the dtype is not real numeric or the body is truncated.
    """
    header = parse_header(body[:HEADER_PROBE], source)
    try:
        dtype = np.dtype(header.descr)
    except TypeError:  # no numpy dtype at all, e.g. '<f1'
        dtype = np.dtype("V1")
    if dtype.kind not in "fiu":
        raise InputError(source, f"dtype {header.descr}", "a real numeric array (float32)")
    expected = header.header_length + header.element_count * dtype.itemsize
    if len(body) != expected:
        raise InputError(source, f"{len(body)} bytes", f"{expected} bytes for shape {header.shape}")
    flat = np.frombuffer(body, dtype=dtype, offset=header.header_length)
    order = "F" if header.fortran_order else "C"
    return np.ascontiguousarray(flat.reshape(header.shape, order=order), dtype=np.float32)


def chunk_byte_range(header_length: int, chunk: int, *, chunk_size: int, count: int) -> range:
    """Bytes of chunk ``chunk`` of a float32 ``.npy`` object, as a half-open ``range``.

    Parameters
    ----------
    header_length : int
        Bytes before the first element.
    chunk, chunk_size, count : int
        Chunk index, elements per chunk ``S`` and total elements ``N``.

    Returns
    -------
    range
        ``[header_length + 4·c·S, header_length + 4·min((c+1)·S, N))``.
    """
    first = chunk * chunk_size
    last = min(first + chunk_size, count)
    return range(header_length + 4 * first, header_length + 4 * last)
