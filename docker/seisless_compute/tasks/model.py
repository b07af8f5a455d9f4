"""``model``: a velocity model (preset or imported object), optionally its smooth background and,
for TTI, its parameters epsilon, delta, theta (and phi in 3D; angles in degrees)."""

from __future__ import annotations

import numpy as np

from seisless_compute.errors import ValidationError
from seisless_compute.io.anisotropy import NAMES, check_anisotropy, resolve_anisotropy
from seisless_compute.io.arrays import read_velocity, write_array
from seisless_compute.tasks.context import JobContext

__all__ = ["BACKGROUND_OUTPUTS", "DEFAULT_SMOOTHING_CELLS", "run"]

#: Background smoothing when ``model.smoothingM`` is absent: this many times the largest spacing.
DEFAULT_SMOOTHING_CELLS = 10


def _model(ctx: JobContext) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The velocity and, when the task file asks for them (``outputs.epsilon``...), the TTI
    parameters, checked."""
    spec, source = ctx.spec.model, ctx.spec.source
    wanted = [name for name in NAMES if name in ctx.spec.outputs]
    if spec.key is not None:
        velocity = read_velocity(ctx.store, spec.key, spec.shape)
        if not wanted:
            return velocity, {}
        if spec.anisotropy is None:
            raise ValidationError(f"{source}:model.anisotropy", "missing",
                                  "epsilon, delta, theta (phi) for the TTI outputs")
        return velocity, resolve_anisotropy(ctx.store, spec.anisotropy, velocity.shape, source=source)
    from seisless_compute.models import presets

    preset = presets.build(spec.preset, spec.shape, spec.spacing)
    anisotropy = {n: v for n, v in preset.anisotropy().items() if n in wanted}
    if len(anisotropy) != len(wanted):
        raise ValidationError(f"{source}:outputs", f"{wanted} with the {spec.preset} preset",
                              f"TTI outputs only with a TTI preset {presets.TTI_PRESETS}")
    check_anisotropy(anisotropy, preset.shape,
                     {n: f"{source}:model.preset {spec.preset} ({n})" for n in anisotropy})
    return np.asarray(preset, dtype=np.float32), anisotropy


#: The outputs of the TTI parameters smoothed with the background, by parameter.
BACKGROUND_OUTPUTS = {"epsilon": "backgroundEpsilon", "delta": "backgroundDelta",
                      "theta": "backgroundTheta", "phi": "backgroundPhi"}


def _smoothing(ctx: JobContext) -> tuple[float, tuple[float, ...]]:
    """The background's Gaussian (metres) and the model's spacing."""
    spacing = ctx.spec.model.spacing or (ctx.spec.grid.spacing if ctx.spec.grid else None)
    if spacing is None:
        raise ValidationError(f"{ctx.spec.source}:model.spacing", "missing",
                              "the model's spacing in metres, to smooth it into outputs.background")
    return ctx.spec.model.smoothing_m or DEFAULT_SMOOTHING_CELLS * max(spacing), spacing


def _background(ctx: JobContext, velocity):
    from seisless_compute.models import presets

    sigma, spacing = _smoothing(ctx)
    return presets.smooth(velocity, sigma, spacing)


def _background_anisotropy(ctx: JobContext, velocity, anisotropy: dict) -> dict:
    """The TTI parameters smoothed with the background, by output name, when asked for
    (``outputs.backgroundEpsilon``...; ``models/background_anisotropy.py`` says why)."""
    wanted = [n for n in NAMES if BACKGROUND_OUTPUTS[n] in ctx.spec.outputs]
    if not wanted:
        return {}
    missing = [n for n in wanted if n not in anisotropy]
    if missing:
        raise ValidationError(f"{ctx.spec.source}:outputs",
                              f"{[BACKGROUND_OUTPUTS[n] for n in missing]} without {missing}",
                              "the smoothed TTI parameters only beside the true ones")
    from seisless_compute.models.background_anisotropy import smooth_anisotropy

    sigma, spacing = _smoothing(ctx)
    smoothed = smooth_anisotropy({n: anisotropy[n] for n in wanted}, velocity, sigma_m=sigma,
                                 spacing=spacing)
    return {BACKGROUND_OUTPUTS[n]: value for n, value in smoothed.items()}


def run(ctx: JobContext) -> dict:
    """Write ``outputs.model`` (km/s, float32), ``outputs.background`` and the TTI parameters
    (``outputs.epsilon``, ``delta``, ``theta``, ``phi``, and smoothed with the background
    ``backgroundEpsilon``...) when requested; nothing is written unless every input passes its
    checks."""
    if not ctx.ranks.is_root:
        return {}
    with ctx.watch.phase("compute"):
        velocity, anisotropy = _model(ctx)
        background = _background(ctx, velocity) if "background" in ctx.spec.outputs else None
        smoothed = _background_anisotropy(ctx, velocity, anisotropy)
    with ctx.watch.phase("write"):
        write_array(ctx.store, ctx.output_key("model"), velocity)
        if background is not None:
            write_array(ctx.store, ctx.output_key("background"), background)
        for name, value in {**anisotropy, **smoothed}.items():
            write_array(ctx.store, ctx.output_key(name), value)
    return {"shape": list(velocity.shape)}
