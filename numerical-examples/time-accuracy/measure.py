"""Time-stepping error against the analytic 2D trace, and kernel cost, of the candidate schemes.

The issue's check: homogeneous 2 km/s, 10 m grid, space order 8, Ricker source, receiver 1 km
away (the shot of ``tests/compute/test_time_accuracy.py``). For each peak frequency, every
scheme runs ``--repeats`` times, interleaved, in one process; the table gives the normalised RMS
error, the arrival-time shift and the kernel time per shot relative to today's (median and
range over the repeats; "wall" is the whole call, transforms included). From the repository
root::

    nice -n 10 .venv/bin/python numerical-examples/time-accuracy/measure.py \
        --repeats 5

Schemes: ``leapfrog`` (today: 80 % of the stability limit), ``leapfrog, dt/k`` (a step chosen
for accuracy), ``leapfrog + transforms`` (the solver's default: time-dispersion transforms of the
source and the records; their time is printed on its own line), ``Lax-Wendroff`` (fourth
order in time by the modified equation, written here as a two-stage Devito operator with the
same coefficients and damping as the project's, at today's step and at 1.5 times it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from functools import partial

import numpy as np
from devito import Constant, Eq, Function, Grid, Operator
from seisless_compute.operators import DEFAULT_OPT, coefficients, make_fields, ricker
from seisless_compute.operators.analytic import ricker_trace_2d
from seisless_compute.operators.time_dispersion import time_dispersion
from seisless_compute.solvers import AcousticSolver, ShotGeometry
from seisless_compute.solvers import Grid as ShotGrid
from seisless_compute.solvers.environment import configure_devito
from seisless_compute.solvers.extension import damping
from seisless_compute.solvers.timing import summary_sections

SHAPE, SPACING, NBL, VP = (241, 141), (10.0, 10.0), 20, 2.0
SOURCE, RECEIVER = (700.0, 700.0), (1700.0, 700.0)


def _geometry(frequency_hz: float) -> ShotGeometry:
    return ShotGeometry(np.array(SOURCE), np.array([RECEIVER]),
                        recording_time_ms=1000.0 / frequency_hz + 650.0,
                        peak_frequency_hz=frequency_hz)


def _solver(frequency_hz: float, cache_dir: str, *, step_divisor: float = 1.0,
            corrected: bool = True) -> AcousticSolver:
    # vp_max scales the CFL step: k times vp_max is k times smaller a step
    return AcousticSolver(ShotGrid(SHAPE, SPACING, (0.0, 0.0)), _geometry(frequency_hz),
                          space_order=8, nbl=NBL, cache_dir=cache_dir,
                          vp_max=VP * step_divisor, correct_time_dispersion=corrected)


def _leapfrog_run(solver: AcousticSolver):
    """``(trace, dt, kernel_s)``; the transforms' time, when on, is added to the kernel's."""
    before = solver.timings.kernel_s
    start = time.perf_counter()
    records, _ = solver.forward(np.full(SHAPE, VP, np.float32))
    wall = time.perf_counter() - start
    kernel = solver.timings.kernel_s - before
    return records[:, 0], solver.dt_ms, kernel, wall


class LaxWendroff:
    """Fourth order in time: ``m u_tt = L u + f`` stepped with ``u_tttt = L(b (L u + f)) + f_tt``.

    Stage 1 writes ``w = L u + f``; stage 2 ``u+ = s (w + dt^2/12 (L(b w) + f_tt)) + 2k (u - u-)
    + u-``, with the damped coefficients ``s``, ``k`` of ``operators.stencil``.
    """

    def __init__(self, frequency_hz: float, dt: float):
        geometry = _geometry(frequency_hz)
        shape = tuple(n + 2 * NBL for n in SHAPE)
        extent = tuple((n - 1) * h for n, h in zip(shape, SPACING, strict=True))
        grid = Grid(shape=shape, extent=extent,
                    origin=tuple(-NBL * h for h in SPACING), dtype=np.float32)
        self.dt = dt
        self.nt = int(np.ceil(geometry.recording_time_ms / dt - 1e-9)) + 1
        f = make_fields(grid, 8, self.nt, nrec=1)
        w = Function(name="w", grid=grid, space_order=8)
        m = np.full(shape, 1.0 / VP**2)
        f.scale.data[:], f.keep.data[:] = coefficients(m, damping(shape, SPACING, NBL), dt)
        f.b.data[:] = VP**2
        wavelet = ricker(frequency_hz, dt, self.nt).astype(np.float64)
        second = np.zeros_like(wavelet)
        second[1:-1] = (wavelet[2:] - 2 * wavelet[1:-1] + wavelet[:-2]) / dt**2
        f.src.coordinates.data[:] = [SOURCE]
        f.srca.coordinates.data[:] = [SOURCE]  # carries f_tt
        f.rec.coordinates.data[:] = [RECEIVER]
        f.src.data[:, 0], f.srca.data[:, 0] = wavelet, second
        c = Constant(name="c", value=dt**2 / 12)
        u = f.u3
        equations = [
            Eq(w, u.laplace), f.src.inject(field=w, expr=f.src),
            Eq(u.forward, f.scale * (w + c * (f.b * w).laplace) + 2 * f.keep * (u - u.backward)
               + u.backward),
            f.srca.inject(field=u.forward, expr=f.srca * f.scale * c),
            f.rec.interpolate(expr=u),
        ]
        self._op = Operator(equations, subs=grid.spacing_map, opt=DEFAULT_OPT, name="lw")
        self._fields, self._u = f, u

    def run(self):
        """One shot from rest: ``(trace, dt, kernel_s, wall_s)``."""
        self._u.data[:] = 0.0
        self._fields.rec.data[:] = 0.0
        start = time.perf_counter()
        summary = self._op.apply(time_m=1, time_M=self.nt - 2)
        wall = time.perf_counter() - start
        kernel = sum(summary_sections(summary).values())
        return self._fields.rec.data[:, 0].copy(), self.dt, kernel, wall


def _lag_ms(trace, reference, dt_ms, upsample=50):
    n = 4 * len(trace)
    correlation = np.fft.irfft(np.fft.rfft(trace, n) * np.conj(np.fft.rfft(reference, n)),
                               n * upsample)
    lag = int(np.argmax(correlation))
    return (lag if lag < n * upsample // 2 else lag - n * upsample) * dt_ms / upsample


def _spread(values) -> str:
    """``median [min, max]`` of ratios."""
    return f"{statistics.median(values):.2f} [{min(values):.2f}, {max(values):.2f}]"


def _transform_time(dt, nt, frequency_hz, nrec, repeats=3):
    """Seconds to build the transforms, transform the source and ``nrec`` records once."""
    rng = np.random.default_rng(0)
    records = rng.standard_normal((nt, nrec)).astype(np.float32)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        transform = time_dispersion(dt, nt, frequency_hz)
        transform.source(ricker(frequency_hz, dt, nt))
        transform.records(records)
        best = min(best, time.perf_counter() - start)
    return best


def _schemes(frequency_hz, cache_dir):
    """Scheme name -> a function running one shot: ``() -> (trace, dt, kernel_s, wall_s)``."""
    today = _solver(frequency_hz, cache_dir, corrected=False)
    dt = today.time_axis(np.full(SHAPE, VP))[0]
    solvers = {
        "leapfrog (today)": today,
        "leapfrog + transforms": _solver(frequency_hz, cache_dir),
        **{f"leapfrog, dt/{k}": _solver(frequency_hz, cache_dir, step_divisor=k, corrected=False)
           for k in (2, 3, 4)},
    }
    schemes = {name: partial(_leapfrog_run, solver) for name, solver in solvers.items()}
    schemes["Lax-Wendroff, dt"] = LaxWendroff(frequency_hz, dt).run
    schemes["Lax-Wendroff, 1.5 dt"] = LaxWendroff(frequency_hz, round(1.5 * dt, 3)).run
    return schemes


def _gradient_costs(cache_dir: str, repeats: int) -> None:
    """Wall and kernel time of an FWI gradient job's solver call, corrected against plain.

    601 x 301 points of 10 m (40-point layer), a 2 s recording at 15 Hz, 201 receivers: the
    transforms run once forward (records) and once backward (residual).
    """
    shape = (601, 301)
    grid = ShotGrid(shape, SPACING, (0.0, 0.0))
    receivers = np.stack([np.linspace(0.0, 6000.0, 201), np.full(201, 20.0)], axis=1)
    geometry = ShotGeometry(np.array([3000.0, 20.0]), receivers, recording_time_ms=2000.0,
                            peak_frequency_hz=15.0)
    vp = np.tile(np.linspace(1.5, 3.5, shape[1], dtype=np.float32), (shape[0], 1))
    vp0 = np.full(shape, 2.0, np.float32)
    solvers = {corrected: AcousticSolver(grid, geometry, space_order=8, nbl=40,
                                         cache_dir=cache_dir, vp_max=3.5,
                                         correct_time_dispersion=corrected)
               for corrected in (False, True)}
    observed = {corrected: solver.forward(vp)[0] for corrected, solver in solvers.items()}
    walls, kernels = {False: [], True: []}, {False: [], True: []}
    for _ in range(repeats):
        for corrected, solver in solvers.items():
            before = solver.timings.kernel_s
            start = time.perf_counter()
            solver.fwi_gradient(vp0, observed[corrected])
            walls[corrected].append(time.perf_counter() - start)
            kernels[corrected].append(solver.timings.kernel_s - before)
    wall_ratio = [c / p for c, p in zip(walls[True], walls[False], strict=True)]
    kernel_ratio = [c / p for c, p in zip(kernels[True], kernels[False], strict=True)]
    print(f"\n## FWI gradient, 601 x 301, 201 receivers, 2 s at 15 Hz "
          f"(load {os.getloadavg()[0]:.2f})")
    print(f"plain: wall {statistics.median(walls[False]):.2f} s, kernel "
          f"{statistics.median(kernels[False]):.2f} s; corrected/plain: wall {_spread(wall_ratio)},"
          f" kernel {_spread(kernel_ratio)}")


def main() -> None:
    """Print the error and cost table of every scheme at each frequency."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--frequencies", type=float, nargs="+", default=[10.0, 20.0])
    parser.add_argument("--gradient-shot", action="store_true",
                        help="also time an FWI gradient job's solver call, corrected vs plain")
    parser.add_argument("--cache-dir", default=os.path.expanduser("~/.cache/seisless/devito"))
    args = parser.parse_args()
    configure_devito()
    print(f"# load before: {os.getloadavg()}")
    for frequency in args.frequencies:
        schemes = _schemes(frequency, args.cache_dir)
        runs = {name: [] for name in schemes}
        for _ in range(args.repeats):
            for name, run in schemes.items():
                runs[name].append(run())
        base = [kernel for _, _, kernel, _ in runs["leapfrog (today)"]]
        base_wall = [wall for _, _, _, wall in runs["leapfrog (today)"]]
        print(f"\n## {frequency:g} Hz   (load {os.getloadavg()[0]:.2f})")
        print("| scheme | dt ms | NRMS | shift ms | kernel s | kernel vs today "
              "| wall vs today |")
        print("|---|---|---|---|---|---|---|")
        for name, results in runs.items():
            trace, dt, _, _ = results[-1]
            times = np.arange(len(trace)) * dt
            analytic = ricker_trace_2d(1000.0, VP, times, peak_frequency_hz=frequency,
                                       cell_area_m2=SPACING[0] * SPACING[1])
            trace = np.asarray(trace, np.float64)
            nrms = np.linalg.norm(trace - analytic) / np.linalg.norm(analytic)
            kernels = [kernel for _, _, kernel, _ in results]
            ratios = [k / b for k, b in zip(kernels, base, strict=True)]
            walls = [w / b for (_, _, _, w), b in zip(results, base_wall, strict=True)]
            print(f"| {name} | {dt:.3f} | {nrms:.4f} | {_lag_ms(trace, analytic, dt):+.2f} | "
                  f"{statistics.median(kernels):.4f} | {_spread(ratios)} | {_spread(walls)} |")
        trace, dt, _, _ = runs["leapfrog (today)"][-1]
        for nrec in (1, 200):
            seconds = _transform_time(dt, len(trace), frequency, nrec)
            print(f"transforms (build, source, {nrec} records): {seconds:.4f} s")
    if args.gradient_shot:
        _gradient_costs(args.cache_dir, args.repeats)
    print(f"\n# load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
