import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeFloat32Npy, type Float32Npy, type ObjectStore } from '@seisless/core';
import type { RunData } from './collectRunData';
import type { Figure } from './renderHtml';
import type { IterationFigures } from './reportTypes';

const run = promisify(execFile);

interface Panel {
  readonly npy: string;
  readonly png: string;
  readonly title: string;
  readonly kind: 'velocity' | 'image';
}

/** Which arrays to draw: the input models, then the iterate after every iteration. */
export function plotPanels(data: RunData): { key: string; panel: Panel }[] {
  const iterateKind: Panel['kind'] = data.spec.algorithm.kind === 'fwi' ? 'velocity' : 'image';
  const noun = iterateKind === 'velocity' ? 'Velocity model' : 'Image';
  const inputs = [...data.inputKeys].map(([name, key]): { key: string; panel: Panel } => ({
    key,
    panel: {
      npy: `arrays/${name}.npy`,
      png: `${name}.png`,
      title: `${name === 'model' ? 'True' : 'Background'} velocity`,
      kind: 'velocity',
    },
  }));
  const iterates = [...data.iterateKeys]
    .sort(([a], [b]) => a - b)
    .map(([k, key]) => ({
      key,
      panel: {
        npy: `arrays/iterate-${k}.npy`,
        png: `iterate-${k}.png`,
        title: `${noun} after iteration ${k}`,
        kind: iterateKind,
      },
    }));
  return [...inputs, ...iterates];
}

export interface DrawOptions {
  readonly store: ObjectStore;
  readonly data: RunData;
  readonly outDir: string;
  readonly python: string;
  readonly script: string;
  /** A synthetic run's smoothed true perturbation and per-iteration scores, drawn when given. */
  readonly quality?: { readonly truth: Float32Npy; readonly perIteration: readonly IterationFigures[] };
}

const TRUTH_PANEL: Panel = {
  npy: 'arrays/true-perturbation.npy',
  png: 'true-perturbation.png',
  title: 'True perturbation m_true − m0 (smoothed)',
  kind: 'image',
};

/** The plan entry of the image-quality figure: correlation and relative misfit per iteration. */
function qualityPlan(perIteration: readonly IterationFigures[]) {
  return {
    png: 'image-quality.png',
    iterations: perIteration.map((i) => i.k),
    correlation: perIteration.map((i) => i.image_correlation),
    misfit: perIteration.map((i) => i.relative_misfit),
  };
}

/**
 * Downloads the arrays to draw into `<outDir>/arrays/` and runs plot_report.py on them.
 * Resolves to the figures drawn; throws with the plotter's stderr when it fails.
 */
export async function drawFigures(options: DrawOptions): Promise<Figure[]> {
  const { data, outDir } = options;
  const stored = plotPanels(data);
  await mkdir(join(outDir, 'arrays'), { recursive: true });
  for (const { key, panel } of stored) {
    await writeFile(join(outDir, panel.npy), encodeFloat32Npy(await options.store.getNpy(key)));
  }
  const panels = stored.map(({ panel }) => panel);
  const { quality } = options;
  if (quality !== undefined) {
    await writeFile(join(outDir, TRUTH_PANEL.npy), encodeFloat32Npy(quality.truth));
    panels.splice(data.inputKeys.size, 0, TRUTH_PANEL);
  }
  const objective =
    data.summaries.length === 0
      ? undefined
      : {
          png: 'objective.png',
          iterations: data.summaries.map((s) => s.k),
          values: data.summaries.map((s) => s.objective),
        };
  const scores = quality === undefined ? undefined : qualityPlan(quality.perIteration);
  const plan = { spacing: data.spec.model.spacing, panels, objective, quality: scores };
  const planPath = join(outDir, 'arrays', 'plan.json');
  await writeFile(planPath, JSON.stringify(plan, null, 2));
  await run(options.python, [options.script, planPath, outDir], { maxBuffer: 1 << 20 });
  const figures: Figure[] = panels.map((panel) => ({ png: panel.png, caption: panel.title }));
  if (objective !== undefined) figures.push({ png: objective.png, caption: 'Objective per iteration' });
  if (scores !== undefined && scores.iterations.length > 0) {
    figures.push({ png: scores.png, caption: 'Image correlation with the truth and relative data misfit' });
  }
  return figures;
}
