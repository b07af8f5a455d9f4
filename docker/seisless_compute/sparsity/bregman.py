"""Linearized Bregman for sparsity-promoting LS-RTM (Witte et al.): one update of the dual
iterate ``z`` and the image ``x`` it gives."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seisless_compute.sparsity.wavelet_frame import WaveletFrame

__all__ = ["BregmanStep", "bregman_step", "quantile_threshold", "soft_threshold"]


def soft_threshold(coefficients: np.ndarray, threshold: float) -> np.ndarray:
    """``S_λ(c) = sign(c) max(|c| − λ, 0)``, elementwise."""
    return np.sign(coefficients) * np.maximum(np.abs(coefficients) - threshold, 0.0)


def quantile_threshold(coefficients: np.ndarray, quantile: float) -> float:
    """The ``quantile`` of ``|c|``: thresholding there zeroes that fraction of coefficients."""
    return float(np.quantile(np.abs(coefficients), quantile))


@dataclass(frozen=True)
class BregmanStep:
    """One linearized Bregman update: the new dual iterate, its image and the threshold used.

    ``kept`` is the fraction of the frame's coefficients that survive the threshold.
    """

    dual: np.ndarray
    image: np.ndarray
    threshold: float
    kept: float


def bregman_step(dual: np.ndarray, direction: np.ndarray, step: float, *, frame: WaveletFrame,
                 threshold: float | None = None, quantile: float = 0.95) -> BregmanStep:
    """``z ← z + t d`` (``d = −g``), then ``x = C^T S_λ(C z)``.

    Parameters
    ----------
    dual, direction : ndarray
        ``z_{k−1}`` (zeros at the first iteration) and the search direction ``d = −g``.
    step : float
        The line search's accepted step ``t``.
    frame : WaveletFrame
        The transform ``C`` (a tight frame, ``C^T C = I``).
    threshold : float, optional
        ``λ``. When omitted (the first iteration) it is set to the ``quantile`` of ``|C z|``
        and must then be held for the rest of the run: the Bregman iteration converges to the
        solution of ``min λ||Cx||₁ + ½||Cx||² s.t. Jx = d`` only for a fixed ``λ``.
    quantile : float
        Used when ``threshold`` is omitted.
    """
    z = dual.astype(np.float64) + step * direction.astype(np.float64)
    coefficients = frame.analysis(z)
    lam = quantile_threshold(coefficients, quantile) if threshold is None else float(threshold)
    kept = soft_threshold(coefficients, lam)
    return BregmanStep(dual=z.astype(np.float32), image=frame.synthesis(kept).astype(np.float32),
                       threshold=lam, kept=float(np.count_nonzero(kept)) / kept.size)
