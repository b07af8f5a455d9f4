/**
 * The object tag that marks per-iteration scratch: per-shot gradients, accumulators and
 * line-search trial scalars, which nothing reads once their iteration is over. The data
 * bucket's lifecycle rule (services/iterator/serverless.yml, `expire-scratch`) expires objects
 * with this tag after `scratchExpiryDays`; lifecycle filters match key prefixes only, and
 * `runs/<id>/iterations/<k>/gradients/` is not one. Mirrored in
 * docker/seisless_compute/io/retention.py (contract: docs/contracts/storage.md).
 */
export const SCRATCH_TAG = { key: 'seisless:retention', value: 'scratch' } as const;

/** The tag as PutObject's `Tagging` parameter (the `x-amz-tagging` header): URL-query encoded. */
export const SCRATCH_TAGGING = new URLSearchParams([[SCRATCH_TAG.key, SCRATCH_TAG.value]]).toString();
