"""Draw the figures of a seisless run report from a plot plan written by buildReport.ts.

Usage: ``plot_report.py <plan.json> <out-dir>``. The plan names each panel's ``.npy`` array
(Devito axes ``[nx, nz]``, z down), its PNG file, title and kind (``velocity`` or ``image``),
the grid spacing in metres, the objective values per iteration and, for synthetic runs, the
image correlation and relative data misfit per iteration. Images are clipped at the 98th
percentile of their magnitude so that one hot spot (a source imprint) cannot wash out the
section. Prints the PNGs written.
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def draw_panel(array, spacing, title, kind, path):
    """Draw one 2D section (x across, depth down) and save it as a PNG."""
    data = np.asarray(array, dtype=np.float32)
    if data.ndim == 3:
        data = data[:, data.shape[1] // 2, :]
    nx, nz = data.shape
    dx, dz = spacing[0], spacing[-1]
    extent = (0.0, (nx - 1) * dx / 1000.0, (nz - 1) * dz / 1000.0, 0.0)
    fig, ax = plt.subplots(figsize=(6.0, 3.2), dpi=110)
    if kind == "image":
        clip = float(np.percentile(np.abs(data), 98)) or 1.0
        shown = ax.imshow(data.T, cmap="gray", vmin=-clip, vmax=clip, extent=extent, aspect="auto")
    else:
        shown = ax.imshow(data.T, cmap="viridis", extent=extent, aspect="auto")
        fig.colorbar(shown, ax=ax, label="km/s")
    ax.set_title(title)
    ax.set_xlabel("x (km)")
    ax.set_ylabel("depth (km)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def draw_objective(iterations, values, path):
    """Draw the objective value per iteration (log scale when every value is positive)."""
    fig, ax = plt.subplots(figsize=(5.0, 3.2), dpi=110)
    pairs = [(k, v) for k, v in zip(iterations, values) if v is not None]
    if pairs:
        ks, vs = zip(*pairs)
        ax.plot(ks, vs, "o-")
        if min(vs) > 0:
            ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("objective")
    ax.set_title("Objective per iteration")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def draw_quality(quality, path):
    """Draw the image correlation with the truth and the relative data misfit per iteration."""
    fig, ax = plt.subplots(figsize=(5.0, 3.2), dpi=110)
    for key, label, style in (("correlation", "image correlation", "o-"),
                              ("misfit", "relative data misfit", "s--")):
        pairs = [(k, v) for k, v in zip(quality["iterations"], quality[key]) if v is not None]
        if pairs:
            ks, vs = zip(*pairs)
            ax.plot(ks, vs, style, label=label)
    ax.set_ylim(min(0.0, ax.get_ylim()[0]), max(1.0, ax.get_ylim()[1]))
    ax.set_xlabel("iteration")
    ax.set_title("Image quality per iteration")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(argv):
    """Draw every figure of the plan into the output directory."""
    if len(argv) != 2:
        print("usage: plot_report.py <plan.json> <out-dir>", file=sys.stderr)
        return 2
    plan = json.loads(Path(argv[0]).read_text())
    out = Path(argv[1])
    for panel in plan["panels"]:
        array = np.load(out / panel["npy"])
        draw_panel(array, plan["spacing"], panel["title"], panel["kind"], out / panel["png"])
        print(panel["png"])
    objective = plan.get("objective")
    if objective is not None:
        draw_objective(objective["iterations"], objective["values"], out / objective["png"])
        print(objective["png"])
    quality = plan.get("quality")
    if quality is not None and quality["iterations"]:
        draw_quality(quality, out / quality["png"])
        print(quality["png"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
