"""Parsers of the task file's data sections: ``preprocessing`` and ``observed``
(``docs/contracts/jobs.md``)."""

from __future__ import annotations

from dataclasses import dataclass

from seisless_compute.io.fields import Fields, is_number, is_vector
from seisless_compute.processing.data import Bandpass, Preprocessing, TopMute

__all__ = [
    "OBSERVED_FIELDS", "PREPROCESSING_FIELDS", "ObservedSpec", "parse_observed",
    "parse_preprocessing",
]

PREPROCESSING_FIELDS = ("topMute", "bandpass", "timeWindowMs")
OBSERVED_FIELDS = ("modelling",)


@dataclass(frozen=True)
class ObservedSpec:
    """``observe`` task: model the record with the full wave equation or with Born modelling of
    ``m_true - m0`` about the background (``inputs.background``)."""

    modelling: str = "full"


def _non_negative(value) -> bool:
    return is_number(value) and value >= 0


def _positive(value) -> bool:
    return is_number(value) and value > 0


def _top_mute(fields: Fields) -> TopMute:
    default = TopMute(velocity_ms=1500.0)
    return TopMute(
        velocity_ms=float(fields.get("velocityMS", _positive, "a positive number (m/s)")),
        shift_ms=float(fields.get("shiftMs", is_number, "a number (ms)", default=default.shift_ms)),
        taper_ms=float(fields.get("taperMs", _non_negative, "a number >= 0 (ms)",
                                  default=default.taper_ms)),
    )


def _bandpass(fields: Fields) -> Bandpass:
    low = float(fields.get("lowHz", _non_negative, "a number >= 0 (Hz)"))
    high = float(fields.get("highHz", lambda v: is_number(v) and v > low,
                            f"a number above lowHz, {low} (Hz)"))
    taper = float(fields.get("taperHz", _positive, "a positive number (Hz)", default=2.0))
    return Bandpass(low, high, taper)


def parse_preprocessing(fields: Fields | None) -> Preprocessing:
    """Parse ``preprocessing`` (absent: the identity)."""
    if fields is None:
        return Preprocessing()
    mute = fields.child("topMute", ("velocityMS", "shiftMs", "taperMs"), required=False)
    band = fields.child("bandpass", ("lowHz", "highHz", "taperHz"), required=False)
    window = fields.get("timeWindowMs", lambda v: is_vector(v, 2, _non_negative) and v[0] < v[1],
                        "[t0, t1] in ms with 0 <= t0 < t1", default=None)
    return Preprocessing(
        top_mute=None if mute is None else _top_mute(mute),
        bandpass=None if band is None else _bandpass(band),
        time_window_ms=None if window is None else (float(window[0]), float(window[1])),
    )


def parse_observed(fields: Fields | None) -> ObservedSpec:
    """Parse ``observed`` (absent: full modelling)."""
    if fields is None:
        return ObservedSpec()
    return ObservedSpec(fields.get("modelling", lambda v: v in ("full", "born"),
                                   "'full' or 'born'", default="full"))
