"""The instruction set the JIT compiles operators for, and whether this CPU can run it.

Devito's GNU compiler flags carry ``-march=native``: the generated code uses every extension of
the CPU that compiles it, so a compiled operator is only safe on a CPU with at least those
extensions. ``SEISLESS_MARCH`` (the images set it) names a fixed target instead, e.g.
``x86-64-v3`` (AVX2 + FMA) or ``x86-64-v4`` (AVX-512), so that operators compiled into an image
at build time are the ones a job on the instance would compile. A target this CPU cannot run
is refused (warning) in favour of ``native``.

The target's identity is what gcc enables for it (``gcc -march=<target> -Q --help=target``):
the resolved ``-march``/``-mtune`` names and every enabled ``-m`` option. The name alone is not
enough: gcc 12 calls a Zen 4 CPU ``znver3`` yet enables AVX-512 for ``-march=native`` there.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import warnings
from dataclasses import dataclass
from functools import cache

__all__ = ["CompileTarget", "compile_target", "isa_of"]

# "-mno-sse4 [enabled]" means SSE4 is off: only positive options name extensions.
_ENABLED = re.compile(r"^\s+(-m(?!no-)[^\s=]+)\s+\[enabled\]", re.MULTILINE)
_VALUE = re.compile(r"^\s+-m(arch|tune)=\s+(\S+)", re.MULTILINE)
_MARCH = re.compile(r"^[A-Za-z0-9._-]+$")


@dataclass(frozen=True)
class CompileTarget:
    """A ``-march`` value and what gcc enables for it.

    Attributes
    ----------
    march : str
        The value passed as ``-march=`` (``native`` or a named target).
    resolved : str
        gcc's resolved ``-march``/``-mtune`` names, e.g. ``znver3/znver3``.
    options : frozenset of str
        Every ``-m`` option gcc enables for the target (``-mavx2``, ``-mavx512f``, …).
    """

    march: str
    resolved: str
    options: frozenset[str]

    @property
    def digest(self) -> str:
        """A short hash of the resolved names and the enabled options (the cache key's part)."""
        text = "\n".join([self.resolved, *sorted(self.options)])
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def runs_on(self, host: CompileTarget) -> bool:
        """True when every option enabled for this target is also enabled on ``host``."""
        return self.options <= host.options


@cache
def _query(cc: str, march: str) -> CompileTarget:
    """What ``cc`` enables for ``-march=<march>`` (one short gcc run, remembered)."""
    listing = subprocess.run([cc, f"-march={march}", "-Q", "--help=target"], check=True,
                             capture_output=True, text=True, timeout=60).stdout
    names = dict(_VALUE.findall(listing))
    resolved = f"{names.get('arch', march)}/{names.get('tune', '')}"
    return CompileTarget(march, resolved, frozenset(_ENABLED.findall(listing)))


def isa_of(target: CompileTarget) -> str:
    """The widest x86 vector extension the target enables, in Devito's ISA names."""
    for option, isa in (("-mavx512f", "avx512"), ("-mavx2", "avx2"), ("-mavx", "avx"),
                        ("-msse", "sse")):
        if option in target.options:
            return isa
    return "cpp"


def compile_target(cc: str, requested: str | None) -> CompileTarget | None:
    """The target to compile for: ``requested`` (``SEISLESS_MARCH``) when this CPU runs it.

    Parameters
    ----------
    cc : str
        The C compiler (gcc or a gcc-compatible driver).
    requested : str or None
        A ``-march`` value; ``None``, empty or ``native`` means this CPU.

    Returns
    -------
    CompileTarget or None
        None when the compiler cannot describe its targets (not gcc-like): the caller then
        leaves Devito's flags alone and keys by the flags only.
    """
    try:
        host = _query(cc, "native")
    except (OSError, subprocess.SubprocessError) as error:
        warnings.warn(f"{cc}: cannot list its target options ({error})", stacklevel=2)
        return None
    if not requested or requested == "native":
        return host
    if not _MARCH.match(requested):
        warnings.warn(f"SEISLESS_MARCH: {requested!r} is not a -march value; using native",
                      stacklevel=2)
        return host
    try:
        target = _query(cc, requested)
    except (OSError, subprocess.SubprocessError) as error:
        warnings.warn(f"SEISLESS_MARCH: {cc} refuses -march={requested} ({error}); "
                      "using native", stacklevel=2)
        return host
    if not target.runs_on(host):
        missing = ", ".join(sorted(target.options - host.options))
        warnings.warn(f"SEISLESS_MARCH: this CPU lacks {missing} of -march={requested}; "
                      "compiling for native", stacklevel=2)
        return host
    return target
