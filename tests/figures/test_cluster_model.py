"""The fixed-cluster assignment model on hand-made jobs with known answers."""

import numpy as np
import pytest
from cluster_model import assign_least_loaded, cluster_sweep


def test_jobs_go_in_order_to_the_least_loaded_node_lowest_index_on_ties():
    # 3 -> node 0; 2 -> node 1; 2 -> node 1 (2 < 3); 1 -> node 0 (3 < 4)
    assert assign_least_loaded([3, 2, 2, 1], 2).tolist() == [4.0, 4.0]
    # ties at 0: nodes fill in index order
    assert assign_least_loaded([5, 5, 1], 3).tolist() == [5.0, 5.0, 1.0]
    # the recorded order matters: the same jobs sorted differently give another makespan
    assert assign_least_loaded([1, 1, 2], 2).tolist() == [3.0, 1.0]
    assert assign_least_loaded([2, 1, 1], 2).tolist() == [2.0, 2.0]


def test_a_cluster_needs_a_node():
    with pytest.raises(ValueError, match="at least one node"):
        assign_least_loaded([1.0], 0)


def test_sweep_of_a_hand_made_gradient():
    # jobs 4, 1, 1 s at 3600 USD per hour (1 USD per second)
    sweep = cluster_sweep([4.0, 1.0, 1.0], 3, 3600.0)
    assert sweep["time_to_solution_s"].tolist() == [6.0, 4.0, 4.0]
    assert sweep["idle_s"].tolist() == [0.0, 2.0, 6.0]
    assert sweep["cluster_cost_usd"].tolist() == [6.0, 8.0, 12.0]
    assert sweep["batch_cost_usd"].tolist() == [6.0, 6.0, 6.0]
    assert sweep["batch_idle_s"].tolist() == [0.0, 0.0, 0.0]
    assert sweep["batch_time_to_solution_s"].tolist() == [4.0, 4.0, 4.0]


def test_equal_jobs_on_a_dividing_cluster_leave_no_idle_time():
    sweep = cluster_sweep(np.full(6, 10.0), 6, 1.0)
    assert sweep.set_index("nodes").loc[[1, 2, 3, 6], "idle_s"].tolist() == [0.0] * 4
    assert sweep.set_index("nodes").loc[4, "idle_s"] == 20.0  # loads 20, 20, 10, 10
