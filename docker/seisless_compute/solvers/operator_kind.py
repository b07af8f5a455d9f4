"""Which compiled operator a solver runs: its equation, imaging condition, wavefield history
and whether it accumulates the source-side illumination."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["OperatorKind"]

Equation = Literal["forward", "adjoint", "born", "gradient"]
Physics = Literal["acoustic", "tti"]
PHYSICS: tuple[Physics, ...] = ("acoustic", "tti")
EQUATIONS: tuple[Equation, ...] = ("forward", "adjoint", "born", "gradient")
_WITH_ISIC = ("born", "gradient")
_WITH_HISTORY = ("forward", "born", "gradient")
_WITH_ILLUMINATION = ("forward", "born")


@dataclass(frozen=True)
class OperatorKind:
    """One operator variant; hashable, so it keys the operators a solver has obtained.

    Attributes
    ----------
    equation : {'forward', 'adjoint', 'born', 'gradient'}
        Forward or adjoint modelling, Born (linearized) modelling, or the imaging condition
        (gradient, adjoint Born).
    isic : bool
        Born and gradient only: the inverse-scattering pair instead of the standard one.
    save : bool
        The forward wavefield's whole history: written by forward and Born, read by the
        gradient (no checkpointing). Adjoint modelling needs none.
    subsampled : bool
        With ``save``: the history is kept every k-th time step only (``usave``, k a run-time
        argument, so one compiled operator serves every k).
    physical : bool
        With ``subsampled``, acoustic, standard imaging condition: the history holds the
        physical domain only, no absorbing layer or halo (``fields.PhysicalRegion``).
    illumination : bool
        Forward and Born only: also accumulate the source-side illumination ``sum_t u^2``.
    physics : {'acoustic', 'tti'}
        The isotropic acoustic equation or the pseudo-acoustic TTI system.
    """

    equation: Equation
    isic: bool = False
    save: bool = False
    subsampled: bool = False
    illumination: bool = False
    physics: Physics = "acoustic"
    physical: bool = False

    def __post_init__(self) -> None:
        if self.equation not in EQUATIONS:
            raise ValueError(f"operator equation {self.equation!r}; expected one of {EQUATIONS}")
        if self.physics not in PHYSICS:
            raise ValueError(f"operator physics {self.physics!r}; expected one of {PHYSICS}")
        if self.isic and self.equation not in _WITH_ISIC:
            raise ValueError(f"isic on the {self.equation} operator; only {_WITH_ISIC} have one")
        if self.save and self.equation not in _WITH_HISTORY:
            raise ValueError(f"save on the {self.equation} operator; only {_WITH_HISTORY} keep "
                             "the forward wavefield's history")
        if self.subsampled and not self.save:
            raise ValueError(f"subsampled without save on the {self.equation} operator; only a "
                             "kept history can be subsampled")
        if self.physical and (not self.subsampled or self.isic or self.physics != "acoustic"):
            raise ValueError(f"a physical-region history on the {self.name} operator; only "
                             "subsampled acoustic histories of the standard imaging condition "
                             "are kept on the physical region")
        if self.illumination and self.equation not in _WITH_ILLUMINATION:
            raise ValueError(f"illumination on the {self.equation} operator; only "
                             f"{_WITH_ILLUMINATION} propagate the source wavefield")

    @property
    def name(self) -> str:
        """The name in cache keys and file names, e.g. ``born-isic-save``. Keep it stable:
        another name orphans every compiled operator in the caches and the bucket (the newer
        flags only add a suffix, ``-sub``, ``-phys``, ``-illum`` and ``-tti``, so older names
        are unchanged)."""
        parts = [self.equation]
        if self.isic:
            parts.append("isic")
        if self.save:
            parts.append("save")
        if self.subsampled:
            parts.append("sub")
        if self.physical:
            parts.append("phys")
        if self.illumination:
            parts.append("illum")
        if self.physics != "acoustic":
            parts.append(self.physics)
        return "-".join(parts)

    @classmethod
    def every(cls, physics: Physics = "acoustic") -> tuple[OperatorKind, ...]:
        """Every valid variant of ``physics`` (acoustic 30, TTI 25), plain before ``isic``,
        without history before ``save``, full history before ``sub``, the whole grid's before
        ``phys``, without illumination before ``illum``."""
        return tuple(
            cls(equation, isic=isic, save=save, subsampled=sub, illumination=illum,
                physics=physics, physical=phys)
            for equation in EQUATIONS
            for isic in ((False, True) if equation in _WITH_ISIC else (False,))
            for save in ((False, True) if equation in _WITH_HISTORY else (False,))
            for sub in ((False, True) if save else (False,))
            for phys in ((False, True) if sub and not isic and physics == "acoustic"
                         else (False,))
            for illum in ((False, True) if equation in _WITH_ILLUMINATION else (False,)))
