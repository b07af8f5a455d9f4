"""Draw the figures of a seisless run report from a plot plan written by buildReport.ts.

Usage: ``plot_report.py <plan.json> <out-dir>``. The plan names each panel's ``.npy`` array
(Devito axes ``[nx, nz]`` or ``[nx, ny, nz]``, z down;
a volume is drawn as its inline, crossline and depth slices), its PNG file, title and kind (``velocity`` or ``image``),
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


def _limits(data, kind):
    """Colour limits: an image clipped symmetrically at the 98th percentile of its magnitude,
    a model over its whole range (one scale for every slice of a volume)."""
    if kind == "image":
        clip = float(np.percentile(np.abs(data), 98)) or 1.0
        return -clip, clip
    return float(np.min(data)), float(np.max(data))


def _show(ax, data, extent, kind, limits):
    """One section on ``ax`` (first axis across, second down); returns the image artist."""
    vmin, vmax = limits
    cmap = "gray" if kind == "image" else "viridis"
    return ax.imshow(data.T, cmap=cmap, vmin=vmin, vmax=vmax, extent=extent, aspect="auto")


def draw_panel(array, spacing, title, kind, path):
    """Draw a 2D section (x across, depth down), or for a 3D volume its inline, crossline and
    depth slices through the middle (the depth slice at the depth of largest energy for an
    image, where its reflectors are), and save it as a PNG."""
    data = np.asarray(array, dtype=np.float32)
    if data.ndim == 3:
        _draw_volume(data, spacing, title, kind, path)
        return
    nx, nz = data.shape
    dx, dz = spacing[0], spacing[-1]
    extent = (0.0, (nx - 1) * dx / 1000.0, (nz - 1) * dz / 1000.0, 0.0)
    fig, ax = plt.subplots(figsize=(6.0, 3.2), dpi=110)
    shown = _show(ax, data, extent, kind, _limits(data, kind))
    if kind != "image":
        fig.colorbar(shown, ax=ax, label="km/s")
    ax.set_title(title)
    ax.set_xlabel("x (km)")
    ax.set_ylabel("depth (km)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def depth_slice_index(data, kind):
    """The depth index of the depth slice: for an image, its largest energy below the top fifth
    (where sources and receivers leave their imprint), else the middle."""
    nz = data.shape[2]
    if kind != "image":
        return nz // 2
    top = nz // 5
    energy = np.sum(data[:, :, top:].astype(np.float64) ** 2, axis=(0, 1))
    return top + int(np.argmax(energy)) if np.any(energy > 0) else nz // 2


def _draw_volume(data, spacing, title, kind, path):
    """Inline (x-z at the middle y), crossline (y-z at the middle x) and depth (x-y) slices."""
    nx, ny, nz = data.shape
    dx, dy, dz = (s / 1000.0 for s in spacing)
    iy, ix, iz = ny // 2, nx // 2, depth_slice_index(data, kind)
    slices = (
        (data[:, iy, :], (0.0, (nx - 1) * dx, (nz - 1) * dz, 0.0),
         f"inline y = {iy * dy:.2f} km", "x (km)", "depth (km)"),
        (data[ix, :, :], (0.0, (ny - 1) * dy, (nz - 1) * dz, 0.0),
         f"crossline x = {ix * dx:.2f} km", "y (km)", "depth (km)"),
        (data[:, :, iz], (0.0, (nx - 1) * dx, (ny - 1) * dy, 0.0),
         f"depth z = {iz * dz:.2f} km", "x (km)", "y (km)"),
    )
    limits = _limits(data, kind)
    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.6), dpi=110, layout="constrained")
    for ax, (section, extent, name, xlabel, ylabel) in zip(axes, slices):
        shown = _show(ax, section, extent, kind, limits)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
    if kind != "image":
        fig.colorbar(shown, ax=list(axes), label="km/s")
    fig.suptitle(title)
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
