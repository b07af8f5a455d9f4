import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeFloat32Npy, type ObjectStore } from '@seisless/core';
import type { RunData } from './collectRunData';
import type { Figure } from './renderHtml';

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
}

/**
 * Downloads the arrays to draw into `<outDir>/arrays/` and runs plot_report.py on them.
 * Resolves to the figures drawn; throws with the plotter's stderr when it fails.
 */
export async function drawFigures(options: DrawOptions): Promise<Figure[]> {
  const { data, outDir } = options;
  const panels = plotPanels(data);
  await mkdir(join(outDir, 'arrays'), { recursive: true });
  for (const { key, panel } of panels) {
    await writeFile(join(outDir, panel.npy), encodeFloat32Npy(await options.store.getNpy(key)));
  }
  const objective =
    data.summaries.length === 0
      ? undefined
      : {
          png: 'objective.png',
          iterations: data.summaries.map((s) => s.k),
          values: data.summaries.map((s) => s.objective),
        };
  const plan = { spacing: data.spec.model.spacing, panels: panels.map((p) => p.panel), objective };
  const planPath = join(outDir, 'arrays', 'plan.json');
  await writeFile(planPath, JSON.stringify(plan, null, 2));
  await run(options.python, [options.script, planPath, outDir], { maxBuffer: 1 << 20 });
  const figures: Figure[] = panels.map(({ panel }) => ({ png: panel.png, caption: panel.title }));
  if (objective !== undefined) figures.push({ png: objective.png, caption: 'Objective per iteration' });
  return figures;
}
