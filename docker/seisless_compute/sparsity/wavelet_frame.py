"""An orthogonal wavelet transform of an image as a tight frame (PyWavelets)."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pywt

__all__ = ["WaveletFrame"]


@dataclass(frozen=True)
class WaveletFrame:
    """``C`` = an orthogonal multilevel wavelet transform of the image zero-padded to a size
    divisible by ``2**levels``; ``C^T`` = the inverse transform, then a crop.

    With periodic boundaries and an orthogonal wavelet, the transform of the padded image is
    orthogonal, so ``C^T C = I`` on images (a Parseval tight frame): ``C^T S(C z)`` is then the
    proximal map of ``λ ||C x||_1`` that linearized Bregman needs, and ``||C x|| = ||x||``.
    ``C C^T`` is only a projection (the padding carries coefficients of no image).

    Parameters
    ----------
    shape : tuple of int
        The image's grid (2D or 3D).
    wavelet : str
        An orthogonal PyWavelets wavelet (``haar``, ``dbN``, ``symN``, ``coifN``).
    levels : int
        The requested decomposition depth; ``levels_used`` is at most what the padded grid's
        smallest axis supports for this wavelet's filter length (at least 1).
    """

    shape: tuple[int, ...]
    wavelet: str
    levels: int
    levels_used: int = field(init=False)
    padded: tuple[int, ...] = field(init=False)
    _slices: list = field(init=False, repr=False)

    def __post_init__(self) -> None:
        filter_length = pywt.Wavelet(self.wavelet).dec_len
        deepest = pywt.dwt_max_level(min(self.shape), filter_length)
        used = max(1, min(self.levels, deepest))
        block = 2**used
        padded = tuple(block * math.ceil(n / block) for n in self.shape)
        object.__setattr__(self, "levels_used", used)
        object.__setattr__(self, "padded", padded)
        _, slices = pywt.coeffs_to_array(self._decompose(np.zeros(padded)))
        object.__setattr__(self, "_slices", slices)

    def _decompose(self, padded: np.ndarray):
        with warnings.catch_warnings():  # a deep level on a small axis is still orthogonal
            warnings.simplefilter("ignore", UserWarning)
            return pywt.wavedecn(padded, self.wavelet, mode="periodization",
                                 level=self.levels_used)

    def analysis(self, image: np.ndarray) -> np.ndarray:
        """``C x``: the wavelet coefficients of ``image`` as one array of the padded shape."""
        padded = np.zeros(self.padded)
        padded[tuple(slice(0, n) for n in self.shape)] = image
        coefficients, _ = pywt.coeffs_to_array(self._decompose(padded))
        return coefficients

    def synthesis(self, coefficients: np.ndarray) -> np.ndarray:
        """``C^T c``: the image of coefficients laid out as :meth:`analysis` returns them."""
        tree = pywt.array_to_coeffs(coefficients, self._slices, output_format="wavedecn")
        padded = pywt.waverecn(tree, self.wavelet, mode="periodization")
        return padded[tuple(slice(0, n) for n in self.shape)]
