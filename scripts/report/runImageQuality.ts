import type { Float32Npy, ObjectStore, RunSpec } from '@seisless/core';
import type { RunData } from './collectRunData';
import {
  type ImageQualitySettings,
  type ImageScores,
  imageScorer,
  squaredSlownessDifference,
} from './imageQuality';

/** A synthetic run's image quality: how it was measured, the smoothed truth and each iterate's scores. */
export interface RunImageQuality {
  readonly settings: ImageQualitySettings;
  readonly truth: Float32Npy;
  /** Scores of the iterate x_k by k. */
  readonly scores: ReadonlyMap<number, ImageScores>;
  /** Why some iterates could not be scored. */
  readonly notes: readonly string[];
}

type Points = RunSpec['acquisition']['sources'];

/** Depth (m) of the deepest point of a line or list of points; 0 for a geometry without depths. */
function deepest(points: Points): number {
  if ('depthM' in points) return points.depthM;
  if ('positions' in points) return Math.max(0, ...points.positions.map((p) => p[p.length - 1] ?? 0));
  return 0;
}

/** The image of iterate x_k in squared slowness: LS-RTM/RTM iterates are already; FWI's is m_k − m0. */
function imageOf(spec: RunSpec, iterate: Float32Npy, background: Float32Npy): Float32Npy {
  return spec.algorithm.kind === 'fwi' ? squaredSlownessDifference(iterate, background) : iterate;
}

const sameShape = (a: Float32Npy, b: Float32Npy) =>
  a.shape.length === b.shape.length && a.shape.every((n, i) => n === b.shape[i]);

/**
 * Scores every iterate of a synthetic run (observed data modelled from the true model, with a
 * background model) against m_true − m0; undefined for runs on recorded data or without both models.
 */
export async function runImageQuality(
  store: ObjectStore,
  data: RunData,
): Promise<RunImageQuality | undefined> {
  const modelKey = data.inputKeys.get('model');
  const backgroundKey = data.inputKeys.get('background');
  if ('keyTemplate' in data.spec.observed || modelKey === undefined || backgroundKey === undefined) {
    return undefined;
  }
  const [model, background] = await Promise.all([store.getNpy(modelKey), store.getNpy(backgroundKey)]);
  if (!sameShape(model, background)) {
    return undefined;
  }
  const { acquisition } = data.spec;
  const scorer = imageScorer({
    model,
    background,
    spacing: data.spec.model.spacing,
    peakFrequencyHz: acquisition.peakFrequencyHz,
    acquisitionDepthM: Math.max(deepest(acquisition.sources), deepest(acquisition.receivers)),
  });
  const scores = new Map<number, ImageScores>();
  const notes: string[] = [];
  for (const [k, key] of [...data.iterateKeys].sort(([a], [b]) => a - b)) {
    const iterate = await store.getNpy(key);
    if (!sameShape(iterate, model)) {
      notes.push(
        `image quality of iteration ${k}: iterate of shape [${iterate.shape.join(', ')}]; expected the model's [${model.shape.join(', ')}]`,
      );
      continue;
    }
    scores.set(k, scorer.score(imageOf(data.spec, iterate, background)));
  }
  return { settings: scorer.settings, truth: scorer.truth, scores, notes };
}
