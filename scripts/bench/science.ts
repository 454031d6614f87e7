// `npm run bench science`: timings of the exact toy world (medians over BENCH_REPEATS runs, default 3). No pass/fail.
import {
  BUILTIN_WORLDS,
  ExactDenoiser,
  NULL_CLASS,
  Rng,
  epsField,
  makeGrid,
  makeSchedule,
  normaliseWorld,
  sample,
  tiltedDensity,
  type Component,
  type World,
} from '../../lib/science';

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const schedule = makeSchedule('linear');

async function median(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A world at the 4096-component limit: two classes of 2048 random anisotropic Gaussians each. */
function bigWorld(): World {
  const rng = new Rng(1);
  const comps = (): Component[] =>
    Array.from({ length: 2048 }, () => {
      const a = 0.01 + 0.1 * rng.uniform();
      const c = 0.01 + 0.1 * rng.uniform();
      const b = 0.9 * Math.sqrt(a * c) * (2 * rng.uniform() - 1);
      return {
        weight: 0.1 + rng.uniform(),
        mean: [6 * rng.uniform() - 3, 6 * rng.uniform() - 3],
        cov: [
          [a, b],
          [b, c],
        ],
      };
    });
  return normaliseWorld({
    name: 'big',
    description: '',
    classes: [
      { name: 'a', prior: 1, components: comps() },
      { name: 'b', prior: 1, components: comps() },
    ],
  });
}

const row = (label: string, ms: number, extra = ''): void => console.log(`${label.padEnd(62)} ${(ms / 1000).toFixed(3).padStart(8)} s${extra}`);

console.log(`science benchmarks (median of ${repeats}; Node ${process.version})`);
for (const world of Object.values(BUILTIN_WORLDS)) {
  const exact = new ExactDenoiser(world, schedule);
  const M = world.classes.reduce((acc, c) => acc + c.components.length, 0);
  const ms = await median(() => sample(exact, { sampler: 'ddim', steps: 1000, n: 4000, y: 0, guidance: { s: 3 }, seed: 1 }));
  row(`DDIM 4000 points × 1000 steps, s = 3, ${world.name} (M = ${M})`, ms);
}

const big = new ExactDenoiser(bigWorld(), schedule);
const grid = makeGrid(64);
row('field 64×64 (ε_∅ and ε_y, one doubled call), M = 4096', await median(() => epsField(big, grid, 500, 0)));
row('tilted density 64×64, M = 4096', await median(() => tiltedDensity(big, grid, 0, 3)));

const spirals = new ExactDenoiser(BUILTIN_WORLDS['three-spirals']!, schedule);
const n = 100000;
const x = new Rng(2).fillNormal(new Float64Array(2 * n));
const cond = new Int32Array(n).fill(NULL_CLASS);
const ms = await median(() => spirals.eps(x, 500, cond));
row(`exact ε_∅, ${n} points, three-spirals (M = 54)`, ms, `  (${(((n / ms) * 1000) / 1e6).toFixed(2)} M points/s)`);
const msBig = await median(() => big.eps(grid.points, 500, new Int32Array(64 * 64).fill(NULL_CLASS)));
row('exact ε_∅, 4096 points, M = 4096', msBig, `  (${((4096 * 4096) / msBig / 1e3).toFixed(1)} M point·components/s)`);
