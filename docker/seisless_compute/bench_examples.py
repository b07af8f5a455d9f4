"""Our forward solvers side by side with Devito's own example solvers (``examples.seismic``,
installed with the Devito package; they need scipy, a development requirement only): the
comparison of ``bench`` (``npm run bench:compute``), fair as its docstring says."""

from __future__ import annotations

import math
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from seisless_compute.errors import SeislessError
from seisless_compute.operators import DEFAULT_OPT
from seisless_compute.solvers.timing import summary_sections

__all__ = ["ComparisonSetup", "compare_with_devito_example", "interleaved_times",
           "layered_parameters"]


@dataclass(frozen=True)
class ComparisonSetup:
    """One 3D shot both codes model: physical grid, absorbing layer, recording and wavelet.

    Attributes
    ----------
    shape : tuple of int
        Physical grid ``(nx, ny, nz)``; both codes add ``nbl`` points on every side.
    nbl : int
        Absorbing-layer width, grid points (our damping layer; the example's ``bcs='damp'``).
    recording_ms : float
        Record length; the time step is our solver's, ``nt`` follows.
    spacing_m, peak_hz, space_order : float, float, int
        Grid spacing (m), Ricker peak frequency (Hz), spatial order.
    """

    shape: tuple[int, int, int]
    nbl: int
    recording_ms: float
    spacing_m: float = 10.0
    peak_hz: float = 15.0
    space_order: int = 8

    @property
    def points(self) -> int:
        """Points of the computational grid (layer included), the same for both codes."""
        return math.prod(n + 2 * self.nbl for n in self.shape)

    @property
    def centre(self) -> np.ndarray:
        """The middle of the physical grid, metres: the source and the one receiver."""
        return np.array([self.spacing_m * (n - 1) / 2 for n in self.shape], dtype=np.float32)


def layered_parameters(shape: tuple[int, int, int]) -> dict[str, np.ndarray]:
    """vp (km/s) growing with depth and Thomsen parameters and angles (radians) varying in depth
    and x, so that every parameter is an array in both codes (none folds into a constant)."""
    x = np.linspace(0.0, 1.0, shape[0], dtype=np.float32)[:, None, None]
    z = np.linspace(0.0, 1.0, shape[2], dtype=np.float32)[None, None, :]
    full = np.ones(shape, dtype=np.float32)
    epsilon = full * (0.10 + 0.15 * z)
    return {"vp": full * (1.5 + 2.0 * z), "epsilon": epsilon, "delta": 0.5 * epsilon,
            "theta": full * (0.2 + 0.3 * x * z), "phi": full * (0.1 + 0.4 * x)}


def interleaved_times(runs: dict[str, Callable[[], float]], repeats: int) -> dict[str, list[float]]:
    """Kernel seconds of each run, measured in turns.

    Each run is called once untimed (compilation, first touch of its buffers, threads woken),
    then ``repeats`` rounds call every run once, the order reversed every other round so that
    neither always follows the other; a run returns its own kernel seconds.
    """
    for run in runs.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for round_ in range(max(repeats, 1)):
        for name in names if round_ % 2 == 0 else reversed(names):
            times[name].append(runs[name]())
    return times


def compare_with_devito_example(physics: str, setup: ComparisonSetup, *,
                                repeats: int = 5, opt=DEFAULT_OPT) -> dict:
    """Our forward solver against Devito's example solver on the same 3D shot.

    Parameters
    ----------
    physics : {'acoustic', 'tti'}
        ``AcousticSolver`` against ``examples.seismic.acoustic.AcousticWaveSolver``, or
        ``TTISolver`` against ``examples.seismic.tti.AnisotropicWaveSolver`` (its default
        ``centered`` kernel, whose first derivatives are half-point ones, as ours).
    setup : ComparisonSetup
        The shot: the same computational grid, layer width, time step, number of steps, source
        and receiver for both.
    repeats : int
        Timed runs of each code, interleaved (:func:`interleaved_times`); medians are reported.
    opt : tuple
        The example's Devito optimisation options (default: ``DEFAULT_OPT``, Devito's
        ``advanced`` defaults, as its own code runs). Ours compile with the solvers' own:
        ``DEFAULT_OPT``, and ``tti_operators.TTI_OPT`` for the TTI forward.

    Returns
    -------
    dict
        ``ours_gpts``, ``example_gpts`` (points x steps / median kernel seconds, 1e9),
        ``ratio`` (ours over example), ``dt_ms``, ``steps``, ``points``, every timed run
        (``ours_s``, ``example_s``) and the example's own critical time step
        (``example_critical_dt_ms``; it runs with ours).
    """
    params = layered_parameters(setup.shape)
    with tempfile.TemporaryDirectory(prefix="seisless-compare-") as cache:
        ours = _our_solver(physics, setup, params, cache=cache)
        dt, nt = ours.time_axis(params["vp"])
        example = _ExampleRun(physics, setup, params, dt=dt, nt=nt, opt=opt)

        def run_ours() -> float:
            before = ours.timings.kernel_s
            _check_records("our", ours.forward(params["vp"])[0])
            return ours.timings.kernel_s - before

        times = interleaved_times({"ours": run_ours, "example": example.run}, repeats)
    steps = nt - 2  # both run time_m = 1 .. time_M = nt - 2
    gpts = {name: setup.points * steps / statistics.median(seconds) / 1e9
            for name, seconds in times.items()}
    return {"ours_gpts": gpts["ours"], "example_gpts": gpts["example"],
            "ratio": gpts["ours"] / gpts["example"], "dt_ms": dt, "steps": steps,
            "points": setup.points, "ours_s": times["ours"], "example_s": times["example"],
            "example_critical_dt_ms": example.critical_dt}


def _our_solver(physics: str, setup: ComparisonSetup, params: dict[str, np.ndarray], *,
                cache: str):
    from seisless_compute.solvers.acoustic import AcousticSolver
    from seisless_compute.solvers.types import Grid, ShotGeometry

    grid = Grid(shape=setup.shape, spacing=(setup.spacing_m,) * 3, origin=(0.0,) * 3)
    geometry = ShotGeometry(setup.centre, setup.centre[None, :],
                            recording_time_ms=setup.recording_ms, peak_frequency_hz=setup.peak_hz)
    options = {"space_order": setup.space_order, "nbl": setup.nbl, "cache_dir": cache,
               "vp_max": float(params["vp"].max()), "correct_time_dispersion": False}
    if physics == "acoustic":
        return AcousticSolver(grid, geometry, **options)
    from seisless_compute.solvers import Anisotropy, TTISolver

    anisotropy = Anisotropy(params["epsilon"], params["delta"], params["theta"], params["phi"])
    return TTISolver(grid, geometry, anisotropy=anisotropy, **options)


class _ExampleRun:
    """Devito's example solver on the setup, with its wavefields allocated once (as ours are:
    its ``forward`` would otherwise allocate them on every call and fault their pages in inside
    the timed kernel) and zeroed before each run, outside the kernel."""

    def __init__(self, physics: str, setup: ComparisonSetup, params: dict[str, np.ndarray], *,
                 dt: float, nt: int, opt):
        from devito import TimeFunction
        from examples.seismic import AcquisitionGeometry, Model

        extra = {} if physics == "acoustic" else {k: params[k] for k in
                                                  ("epsilon", "delta", "theta", "phi")}

        def build(**dt_ms):
            return Model(vp=params["vp"], origin=(0.0,) * 3, spacing=(setup.spacing_m,) * 3,
                         shape=setup.shape, space_order=setup.space_order, nbl=setup.nbl,
                         dtype=np.float32, bcs="damp", **extra, **dt_ms)

        self.critical_dt = float(build().critical_dt)  # its own time step, for the record
        model = build(dt=dt)
        centre = setup.centre[None, :]
        geometry = AcquisitionGeometry(model, centre, centre, t0=0.0, tn=(nt - 1) * dt,
                                       src_type="Ricker", f0=setup.peak_hz / 1000.0)
        if geometry.nt < nt - 1:
            raise SeislessError("compare: the example's time axis", f"{geometry.nt} samples",
                                f"at least {nt - 1} (ours has {nt})")
        if physics == "acoustic":
            from examples.seismic.acoustic import AcousticWaveSolver

            self.solver = AcousticWaveSolver(model, geometry, space_order=setup.space_order,
                                             opt=opt)
        else:
            from examples.seismic.tti import AnisotropicWaveSolver

            self.solver = AnisotropicWaveSolver(model, geometry, space_order=setup.space_order,
                                                opt=opt)
        names = ("u",) if physics == "acoustic" else ("u", "v")
        self.fields = {name: TimeFunction(name=name, grid=model.grid, time_order=2,
                                          space_order=setup.space_order) for name in names}
        self.dt, self.nt = dt, nt

    def run(self) -> float:
        """One forward run; its kernel seconds (the summary's sections, summed)."""
        for field in self.fields.values():
            field.data[:] = 0.0
        out = self.solver.forward(dt=self.dt, time_m=1, time_M=self.nt - 2, **self.fields)
        _check_records("Devito's example", out[0].data)
        return sum(summary_sections(out[-1]).values())


def _check_records(who: str, records: np.ndarray) -> None:
    """A run that went unstable or modelled nothing is not a measurement."""
    if not np.all(np.isfinite(records)) or not np.any(records):
        received = "all zero" if np.all(records == 0) else "not finite"
        raise SeislessError(f"compare: {who} records", received,
                            "finite, non-zero traces (a stable time step, a source inside)")
