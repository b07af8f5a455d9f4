import {
  chunkShotCounts,
  gradientCoverage,
  positionChunks,
  shotWindow,
  type TaskFile,
  windowChunks,
} from '@seisless/core';

type Sections = Pick<TaskFile, 'grid' | 'acquisition'>;

/** A 10 km line at 10 m (1001 × 101), two shared receivers at 4 and 5 km, sources at 0, 5 and 10 km. */
function line(acquisition: Partial<Sections['acquisition']> = {}): Sections {
  return {
    grid: { shape: [1001, 101], spacing: [10, 10], origin: [0, 0] },
    acquisition: {
      sources: [
        [0, 10],
        [5000, 10],
        [10000, 10],
      ],
      receivers: [
        [4000, 10],
        [5000, 10],
      ],
      recordingTimeMs: 1000,
      peakFrequencyHz: 10,
      apertureM: 1000,
      ...acquisition,
    },
  };
}

describe('shotWindow', () => {
  it("places the window as the job's frame does (shot_frame's doctest: 350 points from 276)", () => {
    expect(shotWindow(line(), 1, 1000)).toEqual([[276, 350]]);
  });

  it('slides the window inside the model at its edges', () => {
    // -1 to 6 km: 701 points, rounded to 750, slid to start at the model's first point
    expect(shotWindow(line(), 0, 1000)).toEqual([[0, 750]]);
    // 3 to 11 km: 801 → 850, slid to end at the model's last point (1001 − 850 = 151)
    expect(shotWindow(line(), 2, 1000)).toEqual([[151, 850]]);
  });

  it('moves receivers that follow the source, and keeps only those within the offset', () => {
    const streamer = line({
      receivers: [
        [-2000, 10],
        [-100, 10],
      ],
      receiversFollowSource: true,
    });
    expect(shotWindow(streamer, 1, 0)).toEqual(
      shotWindow(
        line({
          receivers: [
            [3000, 10],
            [4900, 10],
          ],
        }),
        1,
        0,
      ),
    );
    const limited = line({ maxOffsetM: 500 });
    // only the receiver at 5 km is within 500 m of the source at 5 km: 5 km ± 1 km
    expect(shotWindow(limited, 1, 1000)).toEqual(shotWindow(line({ receivers: [[5000, 10]] }), 1, 1000));
  });
});

describe('windowChunks', () => {
  it('covers the elements from the window’s first to its last, in C order', () => {
    // 2D: x 276..625 of 101 depth points: elements 27876 to 63226 (exclusive)
    expect(windowChunks([1001, 101], [[276, 350]], 8192)).toEqual([3, 8]);
    // 3D: x 1..2, y 2..3 of (4, 5, 6): elements 1·30 + 2·6 = 42 to 2·30 + 3·6 + 6 = 84
    expect(
      windowChunks(
        [4, 5, 6],
        [
          [1, 2],
          [2, 2],
        ],
        10,
      ),
    ).toEqual([4, 9]);
  });
});

describe('gradientCoverage', () => {
  it("gives each batch position its window's chunks", () => {
    expect(gradientCoverage(line(), [1, 0], 8192)).toEqual([
      [3, 8],
      [0, 10],
    ]);
  });

  it('is absent when every shot covers every chunk: no aperture, positions from the records, or wide windows', () => {
    expect(gradientCoverage(line({ apertureM: undefined }), [1], 8192)).toBeUndefined();
    expect(gradientCoverage(line({ geometryFromData: true }), [1], 8192)).toBeUndefined();
    expect(gradientCoverage(line({ apertureM: 6000 }), [0, 1, 2], 8192)).toBeUndefined();
  });
});

describe('chunkShotCounts and positionChunks', () => {
  it('count the shots each chunk expects; without a coverage, the whole batch everywhere', () => {
    const coverage: [number, number][] = [
      [0, 2],
      [1, 3],
    ];
    expect(chunkShotCounts(coverage, 2, 4)).toEqual([1, 2, 1, 0]);
    expect(chunkShotCounts(undefined, 2, 3)).toEqual([2, 2, 2]);
    expect(positionChunks(coverage, 1, 4)).toEqual([1, 3]);
    expect(positionChunks(undefined, 1, 4)).toEqual([0, 4]);
  });
});
