"""The quickest run scripts at their smallest size write CSVs their plot scripts accept.

``strong-scaling-omp/run.py`` and ``strong-scaling-mpi/run.py`` run the real gradient job of one
small shot (no local cloud: a moto S3/SQS server), so together they take under a minute;
the scripts that go through ``seisless run`` (weak scaling, resilience, cost) take a minute or
more per run and are measured in numerical-examples/README.md instead.
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from figures_support import EXAMPLES, put_examples_on_path, run_script

put_examples_on_path()

from common.raw import read_timings  # noqa: E402
from mpi_scaling import SCHEMA as MPI_SCHEMA  # noqa: E402
from omp_scaling import SCHEMA as OMP_SCHEMA  # noqa: E402

SMALLEST = ["--runs", "1", "--shape", "61", "41", "--recording-ms", "200", "--no-warm-up"]


def run_experiment(experiment: str, csv, *args: str) -> None:
    command = [sys.executable, str(EXAMPLES / experiment / "run.py"), *SMALLEST, *args,
               "--csv", str(csv)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(str(csv))


@pytest.fixture(scope="module")
def omp_csv(tmp_path_factory):
    csv = tmp_path_factory.mktemp("omp") / "omp.csv"
    run_experiment("strong-scaling-omp", csv, "--threads", "1", "2")
    return csv


@pytest.fixture(scope="module")
def mpi_csv(tmp_path_factory):
    csv = tmp_path_factory.mktemp("mpi") / "mpi.csv"
    run_experiment("strong-scaling-mpi", csv, "--ranks", "1", "2")
    return csv


def test_omp_run_writes_one_row_per_thread_count_with_forward_and_adjoint_sections(omp_csv):
    rows = read_timings(omp_csv, OMP_SCHEMA)
    assert rows["threads"].tolist() == [1, 2]
    assert set(rows["series"]) == {"seisless_local"}
    forward = rows.filter(regex=r"^kernel_fwd_section\d+_s$")
    adjoint = rows.filter(regex=r"^kernel_adj_section\d+_s$")
    assert forward.shape[1] >= 1 and adjoint.shape[1] >= 1
    assert (forward.sum(axis=1) > 0).all() and (adjoint.sum(axis=1) > 0).all()
    sections = forward.sum(axis=1) + adjoint.sum(axis=1)
    assert (sections <= rows["kernel_s"] * 1.0001).all()
    assert (rows["stopped_s"] > rows["started_s"]).all()


def test_mpi_run_writes_one_row_per_rank_count(mpi_csv):
    rows = read_timings(mpi_csv, MPI_SCHEMA)
    assert rows["nodes"].tolist() == [1, 2]
    assert (rows["kernel_s"] > 0).all()
    assert (rows["script_s"] >= rows["kernel_s"]).all()


@pytest.mark.parametrize(("experiment", "fixture", "series"), [
    ("strong-scaling-omp", "omp_csv", ["batch_default", "seisless_local"]),
    ("strong-scaling-mpi", "mpi_csv", ["r5_24xlarge_batch", "seisless_local"]),
])
def test_plot_draws_the_run_beside_the_paper(experiment, fixture, series, request, tmp_path):
    csv = request.getfixturevalue(fixture)
    done = run_script(experiment, "--beside", f"seisless={csv}", "--series", *series,
                      "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    summary = next(tmp_path.glob("*_summary.csv"))
    assert set(pd.read_csv(summary)["source"]) == {"TPDS 2020", "seisless"}
