// Screening measure for recipe runs (docs/model-quality.md, "The recipe"): the error of the learned ε_y − ε_∅ on exact
// guided paths at s = 7.5 per band, and the sliced Wasserstein ratio to the floor at the scales given.
//   npx tsx scripts/screen.ts FILE [--n 1000] [--scales 1,7.5] [--seed 2024]
import { readFileSync } from 'node:fs';
import { LearnedDenoiser } from '../lib/model/denoiser';
import { initNodeBackend } from '../lib/model/node';
import { defaultBands, guidedPathError, slicedWassersteinTable } from '../lib/model/quality';
import { arg } from './argv';

const file = process.argv[2]!;
await initNodeBackend('wasm');
const den = LearnedDenoiser.fromJson(readFileSync(file, 'utf8'));
const world = den.meta!.world.definition;
const seed = Number(arg('seed', '2024'));
const bands = defaultBands(1000);
const gp = await guidedPathError(den, world, { s: 7.5, n: 500, steps: 100, seed, bands });
const sw = await slicedWassersteinTable(den, world, { scales: arg('scales', '1,7.5').split(',').map(Number), n: Number(arg('n', '1000')), steps: 100, seed });
console.log(
  JSON.stringify({
    file,
    guidedPath: gp.map((b) => Number(b.rmseDiff.toFixed(3))),
    sw: sw.map((r) => ({ s: r.s, ratio: Number(r.ratio.toFixed(2)) })),
  }),
);
