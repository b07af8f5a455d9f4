"""How often the forward wavefield's history is kept for the imaging condition.

The gradient is ``sum_t u[t] v_tt[t]`` over every time step. Keeping ``u`` every k-th step
and multiplying the sum by k samples the product ``u v_tt`` at ``1 / (k dt)``; only the
product's spectrum at multiples of that rate aliases onto the sum (its zero frequency). ``u``
is band-limited (a Ricker of peak ``f_p`` is at 0.3 % of its peak by ``3 f_p``), but the
adjoint wavefield starts abruptly at the end of the record, where the residual is cut off, and
its second time derivative is broadband there. Measured (``docker/README.md``, "Wavefield
subsampling"): rates of 14 ``f_p`` and more keep the gradient within 0.2 % of every step's,
9.4 ``f_p`` already gives 15 %. The automatic factor therefore asks for a rate of
``2 * HIGHEST_FREQUENCY_RATIO * f_p = 12 f_p``, i.e. ``k = floor(1 / (12 f_p dt))``.
"""

from __future__ import annotations

import math

__all__ = ["AUTO", "HIGHEST_FREQUENCY_RATIO", "nyquist_subsampling", "resolve_subsampling"]

#: The spec's value asking for the factor of :func:`nyquist_subsampling`.
AUTO = "auto"
#: Half the sampling rate the automatic factor keeps, as a multiple of the Ricker peak frequency
#: (twice the 3 f_p band edge: the adjoint wavefield's abrupt start is broadband).
HIGHEST_FREQUENCY_RATIO = 6.0


def nyquist_subsampling(dt_ms: float, peak_frequency_hz: float) -> int:
    """The largest k whose sampling rate ``1 / (k dt)`` is at least ``12 f_peak``.

    Parameters
    ----------
    dt_ms : float
        Time step of the simulation, ms.
    peak_frequency_hz : float
        Peak frequency of the Ricker source, Hz.

    Returns
    -------
    int
        ``max(1, floor(1000 / (12 f_peak * dt_ms)))``.
    """
    nyquist_interval_ms = 1000.0 / (2.0 * HIGHEST_FREQUENCY_RATIO * peak_frequency_hz)
    return max(1, math.floor(nyquist_interval_ms / dt_ms + 1e-9))


def resolve_subsampling(subsampling: int | str, dt_ms: float, peak_frequency_hz: float) -> int:
    """The factor k of a solver's ``subsampling`` (an integer >= 1 or ``'auto'``) on its axis."""
    if subsampling == AUTO:
        return nyquist_subsampling(dt_ms, peak_frequency_hz)
    if isinstance(subsampling, bool) or not isinstance(subsampling, int) or subsampling < 1:
        raise ValueError(f"wavefield subsampling {subsampling!r}; expected an integer >= 1 or "
                         f"{AUTO!r}")
    return subsampling
