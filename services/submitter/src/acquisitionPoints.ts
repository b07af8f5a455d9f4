import type { RunSpec } from '@seisless/core';

/**
 * The per-shot aperture and geometry fields of the task file's acquisition, those the spec sets.
 * With `receiversFollowSource`, the expanded receivers (`expandPoints`, @seisless/core) are
 * offsets from each shot's source; with `maxOffsetM`, each shot keeps the receivers within that
 * horizontal distance of its source.
 *
 * @example
 * perShotGeometry({ apertureM: 5000, receiversFollowSource: true, ... }) // { apertureM: 5000, receiversFollowSource: true }
 */
export function perShotGeometry(
  acquisition: RunSpec['acquisition'],
): Pick<RunSpec['acquisition'], 'apertureM' | 'maxOffsetM' | 'receiversFollowSource' | 'geometryFromData'> {
  const { apertureM, maxOffsetM, receiversFollowSource, geometryFromData } = acquisition;
  return {
    ...(apertureM === undefined ? {} : { apertureM }),
    ...(maxOffsetM === undefined ? {} : { maxOffsetM }),
    ...(receiversFollowSource ? { receiversFollowSource } : {}),
    ...(geometryFromData ? { geometryFromData } : {}),
  };
}
