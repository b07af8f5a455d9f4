"""``sparsify``: one linearized Bregman update of sparsity-promoting LS-RTM.

Runs once per iteration after the line search has accepted a step ``t`` (the state machine's
``SubmitSparsify``), where the iterator's update would otherwise step the image:

- ``z_k = z_{k−1} + t d_k`` with ``d_k = −g_k`` (``inputs.direction``, ``inputs.dual``; no
  ``inputs.dual`` at the first iteration: ``z_0 = 0``),
- ``x_k = C^T S_λ(C z_k)`` with ``C`` an orthogonal wavelet transform (a tight frame).

``λ`` is set once, at the first iteration whose dual is not zero, to the ``quantile`` of
``|C z|`` times ``scale``, and then carried from record to record (``inputs.sparsity``, the
previous iteration's ``outputs.sparsity``): linearized Bregman converges to
``argmin λ||Cx||₁ + ½||Cx||² subject to Jx = d`` only for a fixed ``λ``. Writes ``x_k`` to
``outputs.model``, ``z_k`` to ``outputs.dual`` and the record ``outputs.sparsity``.
"""

from __future__ import annotations

import numpy as np

from seisless_compute.io.arrays import read_array, read_json, write_array, write_json
from seisless_compute.sparsity.bregman import bregman_step
from seisless_compute.sparsity.wavelet_frame import WaveletFrame
from seisless_compute.tasks.context import JobContext

__all__ = ["run"]


def _previous(ctx: JobContext, shape: tuple[int, ...]) -> tuple[np.ndarray, float | None]:
    """``z_{k−1}`` (zeros without one) and the threshold the previous record carries."""
    dual_key, record_key = ctx.input_key("dual"), ctx.input_key("sparsity")
    dual = np.zeros(shape, dtype=np.float32) if dual_key is None else read_array(
        ctx.store, dual_key, shape)
    threshold = None if record_key is None else read_json(ctx.store, record_key).get("threshold")
    return dual, threshold


def run(ctx: JobContext) -> dict:
    """Write ``x_k``, ``z_k`` and this iteration's sparsity record."""
    if not ctx.ranks.is_root:
        return {}
    settings, shape = ctx.spec.sparsity, ctx.grid_shape
    with ctx.watch.phase("read"):
        direction = read_array(ctx.store, ctx.input_key("direction"), shape)
        dual, threshold = _previous(ctx, shape)
    with ctx.watch.phase("compute"):
        frame = WaveletFrame(shape, settings.wavelet, settings.levels)
        step = bregman_step(dual, direction, settings.step, frame=frame, threshold=threshold,
                            quantile=settings.quantile)
        # λ = 0 means z is still zero (a zero step or direction): set λ at a later iteration.
        fresh = threshold is None and step.threshold > 0
        lam = step.threshold * settings.scale if fresh else threshold
        if fresh and settings.scale != 1:
            step = bregman_step(dual, direction, settings.step, frame=frame, threshold=lam)
    record = {
        "iteration": ctx.spec.iteration, "transform": settings.transform,
        "wavelet": settings.wavelet, "levels": frame.levels_used, "quantile": settings.quantile,
        "scale": settings.scale, "step": settings.step, "threshold": lam or None,
        "thresholdSetHere": fresh, "kept": step.kept,
    }
    with ctx.watch.phase("write"):
        write_array(ctx.store, ctx.output_key("dual"), step.dual)
        write_array(ctx.store, ctx.output_key("model"), step.image)
        write_json(ctx.store, ctx.output_key("sparsity"), record)
    return {"threshold": record["threshold"], "kept": step.kept}
