"""The run report's figure script draws 2D sections and 3D volumes (inline, crossline, depth)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "report" / "plot_report.py"


def _module():
    spec = importlib.util.spec_from_file_location("plot_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_depth_slice_of_an_image_is_at_its_strongest_reflector():
    volume = np.zeros((12, 10, 30), np.float32)
    volume[:, :, 2] = 9.0  # a source imprint in the top fifth is not the depth slice
    volume[:, :, 7] = 0.5
    volume[:, :, 19] = -2.0
    module = _module()
    assert module.depth_slice_index(volume, "image") == 19
    assert module.depth_slice_index(volume, "velocity") == 15
    assert module.depth_slice_index(np.zeros_like(volume), "image") == 15


def test_plan_with_a_volume_and_a_section_draws_both(tmp_path):
    rng = np.random.default_rng(3)
    np.save(tmp_path / "volume.npy", rng.standard_normal((16, 12, 20)).astype(np.float32))
    np.save(tmp_path / "section.npy", rng.standard_normal((16, 20)).astype(np.float32))
    plan = {"spacing": [10.0, 10.0, 10.0], "panels": [
        {"npy": "volume.npy", "png": "volume.png", "title": "3D image", "kind": "image"},
        {"npy": "section.npy", "png": "section.png", "title": "velocity", "kind": "velocity"}]}
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "plan.json"),
                           str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["volume.png", "section.png"]
    for name in ("volume.png", "section.png"):
        header = (tmp_path / name).read_bytes()[:8]
        assert header == b"\x89PNG\r\n\x1a\n"
    # Three slices side by side: the volume's figure is much wider than it is tall.
    height, width = mpimg.imread(tmp_path / "volume.png").shape[:2]
    assert width > 2.5 * height
