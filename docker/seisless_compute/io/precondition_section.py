"""Parser of the task file's ``preconditioning`` section (``docs/contracts/jobs.md``)."""

from __future__ import annotations

from seisless_compute.io.fields import Fields, is_number
from seisless_compute.processing.precondition import Preconditioning, WaterMute

__all__ = ["PRECONDITIONING_FIELDS", "parse_preconditioning"]

PRECONDITIONING_FIELDS = ("waterMute", "depthScaling", "illumination")


def _water_mute(fields: Fields) -> WaterMute:
    if ("depthM" in fields.data) == ("fromModel" in fields.data):
        raise fields.error("depthM", "both or neither of depthM and fromModel",
                           "exactly one of them")
    depth = fields.get("depthM", lambda v: is_number(v) and v >= 0, "a number >= 0 (m)",
                       default=None)
    if depth is not None:
        return WaterMute(depth_m=float(depth))
    model = fields.child("fromModel", ("velocityBelowMS",))
    return WaterMute(velocity_below_ms=float(model.get(
        "velocityBelowMS", lambda v: is_number(v) and v > 0, "a positive number (m/s)")))


def parse_preconditioning(fields: Fields | None) -> Preconditioning:
    """Parse ``preconditioning`` (absent, or a part absent: not applied)."""
    if fields is None:
        return Preconditioning()
    mute = fields.child("waterMute", ("depthM", "fromModel"), required=False)
    depth = fields.child("depthScaling", ("power",), required=False)
    illumination = fields.child("illumination", ("epsilon",), required=False)
    power = None if depth is None else depth.get(
        "power", lambda v: is_number(v) and 0 <= v <= 4, "a number from 0 to 4")
    epsilon = None if illumination is None else illumination.get(
        "epsilon", lambda v: is_number(v) and 0 < v <= 1, "a number in (0, 1]")
    return Preconditioning(
        water_mute=None if mute is None else _water_mute(mute),
        depth_power=None if power is None else float(power),
        illumination_epsilon=None if epsilon is None else float(epsilon))
