"""The error family of the figure scripts, in the shape of the compute package's errors.

Every error names its *subject* (a file, a column, an option), what was *received* and what
was *expected*, so that a script can print one line saying what to fix::

    seisless-figures: error: <subject>: <received>; expected <expected>
"""

from __future__ import annotations

__all__ = ["DataError", "FiguresError", "SchemaError"]


class FiguresError(Exception):
    """Base of every expected failure of a figure script.

    Parameters
    ----------
    subject : str
        What is wrong: a file path, ``file:column``, an option.
    received : str
        What was found.
    expected : str
        What would have been accepted.
    """

    name = "FiguresError"

    def __init__(self, subject: str, received: str, expected: str) -> None:
        super().__init__(f"{subject}: {received}; expected {expected}")
        self.subject = subject
        self.received = received
        self.expected = expected

    def line(self) -> str:
        """Return the single stderr line that reports this error."""
        return f"seisless-figures: error: {self}"


class SchemaError(FiguresError):
    """A raw-timings file lacks a column of its contract, or a column is not numeric."""

    name = "SchemaError"


class DataError(FiguresError):
    """The values of a raw-timings file cannot produce the figure (empty selection, bad price)."""

    name = "DataError"
