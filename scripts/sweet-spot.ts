/**
 * The sweet spot, measured (chapter 8 §"Why 7.5?"): the guidance sweep's distribution match — the sliced Wasserstein
 * distance between guided DDIM samples and exact samples of p(x_0 | y) — at every scale of the sweep, for the exact
 * denoiser, the shipped model and a briefly trained one, beside the Monte-Carlo floor (two independent exact sample sets).
 *   npx tsx scripts/sweet-spot.ts [world] [brief-weights.json] [n] [seeds] [scales, e.g. 1,1.1,1.2]
 * Prints a JSON table; the numbers in chapter 8 and the README come from it.
 */
import { readFileSync } from 'node:fs';
import { learnedLoader } from '../cli/learned';
import { ExactDenoiser, getBuiltinWorld, makeSchedule, slicedWasserstein, type Denoiser } from '../lib/science';
import { classReference, SWEEP_SCALES, sweepSeriesRun, sweetSpot } from '../lib/views/guidance-sweep';

const [worldName = 'two-gaussians', brief, nArg = '1000', seedsArg = '3', scalesArg] = process.argv.slice(2);
/** The sweep's scales, or a finer list given as "1,1.1,1.2". */
const scales: readonly number[] = scalesArg ? scalesArg.split(',').map(Number) : SWEEP_SCALES;
const world = getBuiltinWorld(worldName)!;
const schedule = makeSchedule('linear');
const n = Number(nArg);
const seeds = Number(seedsArg);
const models: [string, Denoiser][] = [
  ['exact', new ExactDenoiser(world, schedule)],
  ['shipped', await learnedLoader({ world, schedule, weights: undefined })],
];
if (brief) {
  readFileSync(brief);
  models.push(['brief', await learnedLoader({ world, schedule, weights: brief })]);
}
const out: Record<string, unknown> = { world: worldName, n, seeds, steps: 50, sampler: 'ddim', scales };
for (let y = 0; y < world.classes.length; y++) {
  const floor: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) floor.push(slicedWasserstein(classReference(world, y, n, seed), classReference(world, y, n, seed + 1000)));
  const rows: Record<string, unknown> = { floor: mean(floor) };
  for (const [name, d] of models) {
    const perScale = scales.map(() => 0);
    for (let seed = 1; seed <= seeds; seed++) {
      const pts = await sweepSeriesRun(
        d,
        world,
        { denoiser: name === 'exact' ? 'exact' : 'learned', sampler: 'ddim' },
        { y, guidance: {}, steps: 50, eta: 0, n, seed, scales },
      );
      for (const [i, p] of pts.entries()) perScale[i]! += p.distance / seeds;
    }
    const spot = sweetSpot(scales.map((s, i) => ({ s, distance: perScale[i]! })));
    rows[name] = { distance: perScale.map((v) => Number(v.toFixed(4))), best: spot };
    process.stderr.write(
      `${worldName} y=${y} ${name}: best s = ${spot.s} (${spot.distance.toFixed(4)}; s = 1: ${spot.atOne?.toFixed(4)}; floor ${mean(floor).toFixed(4)})\n`,
    );
  }
  out[world.classes[y]!.name] = rows;
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}
