// Where a learned model's guided-sample error comes from (docs/model-quality.md, issue #15): sample with the learned ε
// inside one band of timesteps and the exact ε everywhere else, and measure the sliced Wasserstein ratio to the floor
// (as `scorefield evaluate` does: DDIM 100 steps, every class, the floor from two exact runs). The band whose ratio
// stays highest on its own carries most of the distance.
//   npx tsx scripts/band-swap.ts FILE [--n 1000] [--scales 3,7.5] [--seed 2024] [--edges 0,50,100,200,300,600,1000]
import { readFileSync } from 'node:fs';
import { LearnedDenoiser } from '../lib/model/denoiser';
import { initNodeBackend } from '../lib/model/node';
import { slicedWassersteinTable } from '../lib/model/quality';
import { ExactDenoiser } from '../lib/science/exact';
import type { Denoiser, Points } from '../lib/science/types';
import { arg } from './argv';

const file = process.argv[2];
if (!file) throw new Error('usage: scripts/band-swap.ts FILE [--n 1000] [--scales 3,7.5] [--seed 2024] [--edges 0,50,100,200,300,600,1000]');
await initNodeBackend('wasm');
const learned = LearnedDenoiser.fromJson(readFileSync(file, 'utf8'));
const world = learned.meta!.world.definition;
const exact = new ExactDenoiser(world, learned.schedule);
const edges = arg('edges', '0,50,100,200,300,600,1000').split(',').map(Number);
const T = learned.schedule.T;
const bands: [number, number][] = [[0, T], ...edges.slice(1).map((hi, i) => [edges[i]!, hi] as [number, number])];
const opts = { scales: arg('scales', '3,7.5').split(',').map(Number), n: Number(arg('n', '1000')), steps: 100, seed: Number(arg('seed', '2024')) };
for (const [lo, hi] of bands) {
  const swapped: Denoiser = {
    kind: 'learned',
    numClasses: learned.numClasses,
    schedule: learned.schedule,
    eps: (x: Points, t: number, c: Int32Array) => (t >= lo && t < hi ? learned.eps(x, t, c) : exact.eps(x, t, c)),
  };
  const rows = await slicedWassersteinTable(swapped, world, opts);
  console.log(`learned in t [${lo}, ${hi}), exact elsewhere: ${rows.map((r) => `s = ${r.s} ${r.ratio.toFixed(2)}×`).join(', ')}`);
}
