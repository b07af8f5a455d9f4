"""The error family of the compute package, mirroring ``packages/core/src/errors.ts``.

Every error names its *subject* (an environment variable, an S3 key, a task-file field), what was
*received* and what was *expected*, so that the process can print the one line of the jobs
contract::

    seisless_compute: error: <subject>: <received>; expected <expected>

Exit codes (``docs/contracts/jobs.md``): bad input (``ConfigError``, ``ValidationError``,
``InputError``) exits 2 and is not worth retrying; ``TransientError`` and any other
``SeislessError`` exit 1 (AWS Batch may retry); anything else is a bug and exits 70 with a trace.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "SeislessError",
    "TransientError",
    "ValidationError",
    "describe",
]

_MAX_RECEIVED = 120


def describe(value: object) -> str:
    """Render a received value for an error line: short, on one line, quoted when a string.

    Parameters
    ----------
    value : object
        The offending value; ``None`` reads as ``missing``.

    Returns
    -------
    str
        At most about 120 characters, without newlines.
    """
    if value is None:
        return "missing"
    text = repr(value) if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    if len(text) > _MAX_RECEIVED:
        text = text[: _MAX_RECEIVED - 3] + "..."
    return text


class SeislessError(Exception):
    """Base of every expected failure of a compute task.

    Parameters
    ----------
    subject : str
        What is wrong: an environment variable, an S3 key, ``key:field.path``.
    received : str
        What was found, already rendered (see :func:`describe`).
    expected : str
        What would have been accepted.
    """

    name = "SeislessError"
    exit_code = 1

    def __init__(self, subject: str, received: str, expected: str) -> None:
        super().__init__(f"{subject}: {received}; expected {expected}")
        self.subject = subject
        self.received = received
        self.expected = expected

    def line(self) -> str:
        """The single stderr line of the jobs contract."""
        return f"seisless_compute: error: {self}"

    def __reduce__(self):
        """Pickle by constructor arguments (errors are broadcast between MPI ranks)."""
        return (type(self), (self.subject, self.received, self.expected))


class ConfigError(SeislessError):
    """An environment variable is missing or malformed."""

    name = "ConfigError"
    exit_code = 2


class ValidationError(SeislessError):
    """The task file (or a command-line argument) does not match its contract."""

    name = "ValidationError"
    exit_code = 2


class InputError(SeislessError):
    """An input object (model, image, shot record) is missing, unreadable or of the wrong shape."""

    name = "InputError"
    exit_code = 2


class TransientError(SeislessError):
    """A condition worth retrying: storage or queue unavailable, throttled, timed out."""

    name = "TransientError"
    exit_code = 1
