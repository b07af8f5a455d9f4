"""The object tag that marks per-iteration scratch, mirroring ``packages/core/src/storage/retention.ts``.

Per-shot gradients and line-search trial scalars are read once, within their iteration; the data
bucket's lifecycle rule expires objects with this tag after ``scratchExpiryDays`` (S3 lifecycle
filters match key prefixes only, and ``runs/<id>/iterations/<k>/gradients/`` is not one).
Contract: ``docs/contracts/storage.md``.
"""

from __future__ import annotations

from urllib.parse import urlencode

__all__ = ["SCRATCH_TAG", "SCRATCH_TAGGING"]

SCRATCH_TAG = ("seisless:retention", "scratch")
"""The tag's key and value."""

SCRATCH_TAGGING = urlencode([SCRATCH_TAG])
"""The tag as PutObject's ``Tagging`` parameter, which S3 reads as a URL query (``k=v&…``)."""
