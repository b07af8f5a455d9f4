"""A small reader for validating JSON objects field by field with readable errors.

Errors name the field as ``<file>:<dotted.path>``, e.g.
``runs/demo/tasks/gradient.json:grid.shape: [201]; expected a list of 2 or 3 integers >= 3``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from seisless_compute.errors import ValidationError, describe

__all__ = ["Fields", "is_int", "is_key", "is_number", "is_vector"]

_REQUIRED = object()


def is_int(value: Any, minimum: int = 0) -> bool:
    """Whether ``value`` is a JSON integer (not a bool) of at least ``minimum``."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def is_number(value: Any) -> bool:
    """Whether ``value`` is a finite JSON number (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_key(value: Any) -> bool:
    """Whether ``value`` looks like an S3 key (non-empty, no whitespace, no leading slash)."""
    return isinstance(value, str) and value != "" and value.split() == [value] and value[0] != "/"


def is_vector(value: Any, length: int | None, check: Callable[[Any], bool]) -> bool:
    """Whether ``value`` is a list (of ``length`` items when given) whose items pass ``check``."""
    return (
        isinstance(value, list)
        and (length is None or len(value) == length)
        and all(check(item) for item in value)
    )


class Fields:
    """One JSON object being validated.

    Parameters
    ----------
    data : Any
        The object; anything else is reported as an error at ``path``.
    source : str
        The file it came from.
    path : str
        Dotted path of the object inside the file (``""`` for the root).
    allowed : tuple of str
        The keys the object may have; others are rejected (typos fail loudly).
    """

    def __init__(self, data: Any, source: str, path: str, *, allowed: tuple[str, ...]) -> None:
        self.source = source
        self.path = path
        if not isinstance(data, dict):
            raise self.error("", describe(data), "a JSON object")
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise self.error(unknown[0], "an unknown field", f"one of {', '.join(allowed)}")
        self.data = data

    def where(self, name: str) -> str:
        """``file:path.name`` of a field."""
        dotted = ".".join(part for part in (self.path, name) if part)
        return f"{self.source}:{dotted}" if dotted else self.source

    def error(self, name: str, received: str, expected: str) -> ValidationError:
        """The error for field ``name``; ``received`` is already rendered (:func:`describe`)."""
        return ValidationError(self.where(name), received, expected)

    def get(self, name: str, check: Callable[[Any], bool], expected: str, *,
            default=_REQUIRED):
        """The value of field ``name`` once ``check`` accepts it (``default`` when absent)."""
        if name not in self.data or self.data[name] is None:
            if default is _REQUIRED:
                raise self.error(name, "missing", expected)
            return default
        value = self.data[name]
        if not check(value):
            raise self.error(name, describe(value), expected)
        return value

    def child(self, name: str, allowed: tuple[str, ...], required: bool = True) -> Fields | None:
        """The nested object ``name`` (``None`` when absent and not required)."""
        if self.data.get(name) is None:
            if required:
                raise self.error(name, "missing", "a JSON object")
            return None
        dotted = ".".join(part for part in (self.path, name) if part)
        return Fields(self.data[name], self.source, dotted, allowed=allowed)
