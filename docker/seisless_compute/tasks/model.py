"""``model``: a velocity model (preset or imported object) and, optionally, its smooth background."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import ValidationError
from seisless_compute.io.arrays import read_velocity, write_array
from seisless_compute.tasks.context import JobContext

__all__ = ["DEFAULT_SMOOTHING_CELLS", "run"]

#: Background smoothing when ``model.smoothingM`` is absent: this many times the largest spacing.
DEFAULT_SMOOTHING_CELLS = 10


def _velocity(ctx: JobContext):
    spec = ctx.spec.model
    if spec.key is not None:
        return read_velocity(ctx.store, spec.key, spec.shape)
    from seisless_compute.models import presets

    build = {"layered": presets.layered, "camembert": presets.camembert,
             "bp-salt": presets.bp_salt}[spec.preset]
    return np.asarray(build(spec.shape, spec.spacing), dtype=np.float32)


def _background(ctx: JobContext, velocity):
    from seisless_compute.models import presets

    spacing = ctx.spec.model.spacing or (ctx.spec.grid.spacing if ctx.spec.grid else None)
    if spacing is None:
        raise ValidationError(f"{ctx.spec.source}:model.spacing", "missing",
                              "the model's spacing in metres, to smooth it into outputs.background")
    sigma = ctx.spec.model.smoothing_m or DEFAULT_SMOOTHING_CELLS * max(spacing)
    return presets.smooth(velocity, sigma, spacing)


def run(ctx: JobContext) -> dict:
    """Write ``outputs.model`` (km/s, float32) and ``outputs.background`` when requested."""
    if not ctx.ranks.is_root:
        return {}
    with ctx.watch.phase("compute"):
        velocity = _velocity(ctx)
        background = _background(ctx, velocity) if "background" in ctx.spec.outputs else None
    with ctx.watch.phase("write"):
        write_array(ctx.store, ctx.output_key("model"), velocity)
        if background is not None:
            write_array(ctx.store, ctx.output_key("background"), background)
    return {"shape": list(velocity.shape)}
