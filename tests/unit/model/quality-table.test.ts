/**
 * docs/model-quality.md is written by `npx scorefield evaluate --shipped`: evaluating the shipped default model of the
 * default world again, with the settings the document states, reproduces its table row (ε RMSE per band, the error
 * of ε_y − ε_∅ on guided paths, and the sliced Wasserstein ratio at s = 1). Same seeds, same numbers: the row can
 * only differ by float rounding, so a stale table (weights retrained, table not) fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { defaultBands, epsErrorByBand, guidedPathError, slicedWassersteinTable } from '../../../lib/model/quality';
import { DEFAULT_CONDITIONING, shippedWeightsFile } from '../../../lib/model/shipped';
import { DEFAULT_WORLD } from '../../../lib/science/worlds';
import { backend } from './helpers';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(`${root}docs/model-quality.md`, 'utf8');
const file = shippedWeightsFile(DEFAULT_WORLD, DEFAULT_CONDITIONING);

/** The numbers of the document's section for `public/weights/<file>`. */
function tableOf(markdown: string, name: string): { bands: number[][]; sw: Map<number, number> } {
  const start = markdown.indexOf(`\`public/weights/${name}\``);
  if (start < 0) throw new Error(`no section for ${name}`);
  const end = markdown.indexOf('\n### ', start);
  const lines = markdown.slice(start, end < 0 ? undefined : end).split('\n');
  const cells = (l: string): string[] =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const bands = lines.filter((l) => /^\| \d+–\d+ \|/.test(l)).map((l) => cells(l).slice(1).map(Number));
  const sw = new Map(lines.filter((l) => /^\| [\d.]+ \| [\d.]+ \|/.test(l)).map((l) => [Number(cells(l)[0]), Number(cells(l)[3]!.replace('×', ''))] as const));
  return { bands, sw };
}

beforeAll(async () => {
  await backend('wasm');
});

describe('docs/model-quality.md reproduces', () => {
  const seed = Number(/- seed (\d+)\./.exec(doc)![1]);
  const n = Number(/between (\d+) learned/.exec(doc)![1]);
  const steps = Number(/DDIM with (\d+) steps/.exec(doc)![1]);
  const table = tableOf(doc, file);

  it(`the row of ${file}: ε RMSE and guided-path error per band, SW ratio at s = 1`, { timeout: 600_000 }, async () => {
    const den = LearnedDenoiser.fromJson(readFileSync(`${root}public/weights/${file}`, 'utf8'));
    const world = den.meta!.world.definition;
    const bands = defaultBands(1000);
    expect(table.bands).toHaveLength(bands.length);
    const eps = await epsErrorByBand(den, world, { bands, seed });
    const gp = await guidedPathError(den, world, { s: 7.5, n: 500, steps, seed, bands });
    bands.forEach((_, i) => {
      const [cond, uncond, diff] = table.bands[i]!;
      expect(Math.abs(eps[i]!.rmseCond - cond!)).toBeLessThanOrEqual(0.0006);
      expect(Math.abs(eps[i]!.rmseUncond - uncond!)).toBeLessThanOrEqual(0.0006);
      expect(Math.abs(gp[i]!.rmseDiff - diff!)).toBeLessThanOrEqual(0.0006);
    });
    const [row] = await slicedWassersteinTable(den, world, { scales: [1], n, steps, seed });
    expect(Math.abs(row!.ratio - table.sw.get(1)!)).toBeLessThanOrEqual(0.006);
    den.dispose();
  });
});
