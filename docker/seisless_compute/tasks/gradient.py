"""``gradient``: one shot's FWI, LS-RTM or RTM gradient, written whole, then announced per chunk.

Order matters for the exactly-once reduction: the gradient object is written in a single PUT
only once it is computed and finite, and the reduction messages are sent only after that PUT;
a job that fails earlier leaves nothing under the gradient key and sends nothing.
"""

from __future__ import annotations

import time

import numpy as np

from seisless_compute.errors import ValidationError
from seisless_compute.io.arrays import write_array
from seisless_compute.io.messages import GradientRef, SqsSender, reduction_entries
from seisless_compute.io.record_geometry import ShotPositions
from seisless_compute.io.retention import SCRATCH_TAGGING
from seisless_compute.tasks.aperture import ShotFrame, job_frame
from seisless_compute.tasks.context import JobContext
from seisless_compute.tasks.imaging_data import imaging_data
from seisless_compute.tasks.inputs import read_inputs
from seisless_compute.tasks.shot_preconditioning import precondition_shot
from seisless_compute.tasks.shot_solver import (
    build_solver,
    check_finite,
    solver_timings,
)

__all__ = ["check_shot_chunks", "compute_gradient", "run"]


def compute_gradient(ctx: JobContext, solver, inputs: dict, *,
                     positions: ShotPositions | None = None) -> tuple[float, np.ndarray]:
    """The objective and gradient of the task's algorithm.

    ``fwi``: gradient wrt squared slowness of ``0.5 ||F(m) - d||²``. ``lsrtm``: ``J^T (J dm - d)``
    at the current image ``dm``. ``rtm``: the same at a zero image, ``-J^T d`` (objective
    ``0.5 ||d||²``), so that the image, one step along ``-g`` as every algorithm takes (the line
    search), is the migrated image ``J^T d``, of the polarity of ``m_true - m0`` and of LS-RTM's.
    ``d`` and the modelled data are preprocessed alike and ``d`` may be reflections only
    (``tasks/imaging_data.py``); ``positions``: the shot's, in the solver's frame.
    """
    vp = inputs["velocity"]
    d_obs, data_map = imaging_data(ctx, solver, inputs, positions=positions)
    isic = ctx.spec.physics.imaging_condition == "isic"
    if ctx.spec.algorithm == "fwi":
        return solver.fwi_gradient(vp, d_obs, data_map=data_map)
    image = inputs["image"] if ctx.spec.algorithm == "lsrtm" else np.zeros_like(vp)
    return solver.lsrtm_gradient(vp, image, d_obs, isic=isic, data_map=data_map)


def check_shot_chunks(ctx: JobContext, frame: ShotFrame) -> None:
    """Refuse a shot whose aperture window reaches outside its chunks in ``reduction.shotChunks``.

    The job announces, and the reducer expects, only those chunks: a gradient outside them would
    be lost silently. Without ``shotChunks`` every chunk is the shot's.

    Raises
    ------
    ValidationError
        Naming ``reduction.shotChunks[batch index]``, its range and the window's chunks.
    """
    reduction = ctx.spec.reduction
    if reduction.shot_chunks is None:
        return
    first, end = reduction.shot_chunks[ctx.batch_index]
    low, high = frame.chunks(reduction.chunk_size)
    if not first <= low < high <= end:
        raise ValidationError(
            f"{ctx.spec.source}:reduction.shotChunks[{ctx.batch_index}]", f"[{first}, {end}]",
            f"a range holding chunks [{low}, {high}), those shot {ctx.shot}'s aperture window "
            "touches")


def run(ctx: JobContext) -> dict:
    """Compute, write and announce the gradient of the job's shot.

    Returns
    -------
    dict
        Timings fields: the solver's, ``objective``, ``messaging_s`` and ``gradient_written_at``
        (epoch seconds at which the gradient object was written).
    """
    names = ("velocity", "data") + (("image",) if ctx.spec.algorithm == "lsrtm" else ())
    inputs = read_inputs(ctx, names)
    frame = job_frame(ctx, inputs)  # the shot's window of the model (tasks/aperture.py)
    check_shot_chunks(ctx, frame)  # before the computation, whose result would be lost
    inputs = frame.crop_inputs(inputs)
    sender = None
    if ctx.ranks.is_root:
        # The client is created now (microseconds, io/aws): a missing region or endpoint fails
        # the job before its computation, not after it, between the gradient's PUT and its
        # messages.
        sender = SqsSender(ctx.config.reducer_queue_url, region=ctx.config.region)
        with ctx.watch.phase("messages"):
            sender.client  # noqa: B018 - creates the client
    solver = build_solver(ctx, frame, inputs)
    with ctx.watch.phase("compute"):
        objective, gradient = compute_gradient(ctx, solver, inputs, positions=frame.positions)
        with ctx.watch.part("precondition"):
            gradient = precondition_shot(ctx, solver, gradient, vp=inputs["velocity"],
                                         grid=frame.grid)
        with ctx.watch.part("embed"):
            gradient = frame.embed(gradient)
    result = {**solver_timings(solver), "objective": float(objective), "messaging_s": 0.0}
    if sender is None:
        return result
    key = ctx.output_key("gradient")
    check_finite(np.asarray(objective), f"{ctx.store.url(key)} (objective)")
    with ctx.watch.phase("write"):
        # Scratch: the reducer reads it once; the bucket's lifecycle rule expires it.
        header_length = write_array(ctx.store, key, check_finite(gradient, ctx.store.url(key)),
                                    tagging=SCRATCH_TAGGING)
    # The run report measures the reduction tail from here (S3's Last-Modified has 1 s resolution).
    written_at = time.time()
    ref = GradientRef(
        run_id=ctx.spec.run_id, iteration=ctx.spec.iteration, shot=ctx.shot,
        batch_index=ctx.batch_index, batch_size=ctx.spec.reduction.batch_size,
        shape=tuple(gradient.shape), chunk_size=ctx.spec.reduction.chunk_size,
        bucket=ctx.store.bucket, key=key, header_length=header_length, objective=float(objective),
        coverage=ctx.spec.reduction.shot_chunks,
    )
    with ctx.watch.phase("messages"):
        sender.send(reduction_entries(ref))
    return {**result, "messaging_s": sender.send_s, "gradient_written_at": written_at}
