/**
 * Chapter 8's comparison of the rule cell's presets: guided DDIM samples (50 steps, η = 0) of one class at s = 3 and 7.5
 * for each preset, with the exact denoiser and the shipped model, scored against the exact world: fidelity (mean exact
 * p(y | x_0)), diversity (log det of the sample covariance) and the distance to p(x_0 | y) (eq. 8.9).
 *   npx tsx scripts/rule-compare.ts [world] [class] [n]
 */
import { learnedLoader } from '../cli/learned';
import { ExactDenoiser, getBuiltinWorld, type Guidance, makeSchedule, sample, sampleMetrics, slicedWasserstein, type Denoiser } from '../lib/science';
import { RULE_PRESETS } from '../lib/science/rule-presets';
import { classReference } from '../lib/views/guidance-sweep';

const [worldName = 'two-gaussians', yArg = '1', nArg = '1000'] = process.argv.slice(2);
const world = getBuiltinWorld(worldName)!;
const schedule = makeSchedule('linear');
const y = Number(yArg);
const n = Number(nArg);
const seed = 1;
const reference = classReference(world, y, n, seed);
const models: [string, Denoiser][] = [
  ['exact', new ExactDenoiser(world, schedule)],
  ['shipped', await learnedLoader({ world, schedule, weights: undefined })],
];
const rows: string[] = ['| rule | s | denoiser | fidelity | log det Σ̂ | distance |', '| --- | --- | --- | --- | --- | --- |'];
/** One row: DDIM (50 steps, η = 0) samples of class y from `d` with `guidance`, scored against the exact world. */
async function measure(label: string, name: string, d: Denoiser, guidance: Guidance): Promise<void> {
  const { x0 } = await sample(d, { sampler: 'ddim', eta: 0, steps: 50, n, y, seed, guidance });
  const m = sampleMetrics(world, x0, y);
  rows.push(`| ${label} | ${guidance.s} | ${name} | ${m.fidelity.toFixed(3)} | ${m.logDetCov.toFixed(2)} | ${slicedWasserstein(x0, reference).toFixed(3)} |`);
  process.stderr.write(`${rows.at(-1)}\n`);
}
// the reference the chapter quotes: plain conditional sampling (s = 1)
for (const [name, d] of models) await measure('conditional (no guidance)', name, d, { s: 1 });
for (const p of RULE_PRESETS) {
  for (const s of [3, 7.5]) {
    for (const [name, d] of models) await measure(p.label, name, d, { s, rule: p.text });
  }
}
// autoguidance with the shipped weak model (the same network trained 400 steps instead of 32000) guiding the shipped one
const weakFile = new URL('../public/weights/weak/two-gaussians-add-400steps.json', import.meta.url).pathname;
if (worldName === 'two-gaussians') {
  const weak = await learnedLoader({ world, schedule, weights: weakFile });
  for (const s of [1.5, 2, 3, 7.5]) await measure('autoguidance (weak: 400 steps)', 'shipped', models[1]![1], { s, guide: weak });
}
process.stdout.write(`${worldName}, class ${world.classes[y]!.name}, n = ${n}, DDIM 50 steps, seed ${seed}\n${rows.join('\n')}\n`);
