"""The command line: one command regenerates everything; errors are one clear line."""

import pandas as pd

from figures_support import EXAMPLES, run_script

EXPECTED_FIGURES = {
    "weak-scaling": ["weak_scaling_time_to_solution", "weak_scaling_startup",
                     "weak_scaling_container_cost", "weak_scaling_reduction"],
    "strong-scaling-omp": ["strong_scaling_omp_runtime", "strong_scaling_omp_efficiency"],
    "strong-scaling-mpi": ["strong_scaling_mpi_runtime", "strong_scaling_mpi_efficiency",
                           "strong_scaling_mpi_breakdown", "strong_scaling_mpi_cost"],
    "hybrid-scaling": ["hybrid_scaling_runtimes"],
    "batch-vs-cluster-cost": ["figure_11a_sorted_runtimes", "figure_11b_idle_time_and_cost",
                              "figure_11c_time_to_solution"],
    "resilience": ["figure_12a_resilience_memory", "figure_12b_resilience_checkpointing"],
    "lsrtm-cost": ["lsrtm_cost"],
    "simulation": ["simulation_weak_scaling", "simulation_reduction",
                   "simulation_cost_per_instance", "simulation_cluster_cost",
                   "simulation_lsrtm_cost"],
}


def test_make_all_figures_writes_every_figure_and_reports_time(all_outputs):
    out, done = all_outputs
    assert sorted(EXPECTED_FIGURES) == sorted(p.parent.name for p in EXAMPLES.glob("*/plot.py"))
    for experiment, names in EXPECTED_FIGURES.items():
        for name in names:
            assert (out / experiment / f"{name}.png").is_file(), (experiment, name)
            assert f"{out / experiment / name}.png" in done.stdout
    count = len(EXPECTED_FIGURES)
    assert f"{count} of {count} experiments done in" in done.stdout.splitlines()[-1]


def test_a_missing_column_fails_with_one_line_naming_file_and_column(tmp_path, raw):
    broken = tmp_path / "weak.csv"
    raw("weak_scaling.csv").drop(columns="image_modified_s").to_csv(broken, index=False)
    done = run_script("weak-scaling", "--timings", str(broken), "--out", str(tmp_path / "o"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert str(broken) in done.stderr and "image_modified_s" in done.stderr


def test_two_sources_are_drawn_side_by_side(tmp_path, paper_data):
    csv = paper_data / "strong_scaling_omp.csv"
    done = run_script("strong-scaling-omp", "--timings", f"paper={csv}",
                      "--timings", f"again={csv}", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    summary = pd.read_csv(tmp_path / "strong_scaling_omp_summary.csv")
    assert summary["source"].unique().tolist() == ["paper", "again"]
    halves = [rows.drop(columns="source").reset_index(drop=True)
              for _, rows in summary.groupby("source", sort=False)]
    pd.testing.assert_frame_equal(halves[0], halves[1])


def test_usage_errors_exit_2(tmp_path):
    assert run_script("hybrid-scaling", "--no-such-option").returncode == 2
