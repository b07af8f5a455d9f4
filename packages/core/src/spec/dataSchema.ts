import { z } from 'zod';

const nonNegative = z.number().nonnegative();

/** Zero every sample before `offset / velocityMS + shiftMs`, then a cos² ramp over `taperMs`. */
export const topMuteSchema = z.strictObject({
  velocityMS: z.number().positive().describe('the mute velocity, m/s'),
  shiftMs: z.number().default(0).describe('added to offset / velocity, ms'),
  taperMs: nonNegative.default(20).describe('the cos² ramp, ms'),
});

/** A zero-phase band-pass: 1 in [lowHz, highHz], cos² ramps `taperHz` wide outside. */
export const bandpassSchema = z
  .strictObject({
    lowHz: nonNegative.describe('the low edge of the pass band, Hz'),
    highHz: z.number().positive().describe('the high edge of the pass band (above lowHz), Hz'),
    taperHz: z.number().positive().default(2).describe('the cos² ramps outside the band, Hz'),
  })
  .refine((band) => band.highHz > band.lowHz, { path: ['highHz'], error: 'a frequency above lowHz' });

/**
 * What the imaging fits (documented in numerical-examples/specs/README.md). `migrate`:
 * RTM and LS-RTM image the reflections `d_obs − F(m0)` (the background's record, modelled once
 * per shot) or the full record; FWI always fits the full record. The preprocessing (top mute,
 * band-pass, time window) applies alike to observed and modelled data, in every algorithm.
 */
export const dataSchema = z.strictObject({
  migrate: z.enum(['reflections', 'full']).default('reflections'),
  topMute: topMuteSchema.optional().describe('zero the samples above a linear moveout (direct wave)'),
  bandpass: bandpassSchema.optional().describe('a zero-phase band-pass'),
  timeWindowMs: z
    .tuple([nonNegative, nonNegative], { error: '[t0, t1] in ms, e.g. [0, 2000]' })
    .refine(([t0, t1]) => t0 < t1, { error: '[t0, t1] with t0 < t1' })
    .optional()
    .describe('[t0, t1], ms: the samples kept'),
});

export type DataSection = z.output<typeof dataSchema>;
