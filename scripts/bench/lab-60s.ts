// The training lab's 60-second goal (issue #15): with the lab's defaults (lib/state/notebook.ts: p_uncond, lr, steps,
// dropout; the recipe of lib/model/recipe.ts built as the lab's worker builds it: RECIPE, or with --recipe-off
// PREVIOUS_RECIPE) on the default world and the default
// mechanism, train on wasm for at most 60 s of wall clock, then measure the sliced Wasserstein distance of the EMA
// weights' samples to exact ones at s = 1 (2,000 per class, DDIM 100 steps, seed 2024) as a multiple of the floor.
// Node's wasm backend stands in for the browser tab's (the lab reports 39–50 steps/s there). Goal: ≤ 2×.
//   npx tsx scripts/bench/lab-60s.ts [seconds, default 60] [--recipe-off]
import { DenoiserModel } from '../../lib/model/network';
import { initNodeBackend } from '../../lib/model/node';
import { slicedWassersteinTable } from '../../lib/model/quality';
import { PREVIOUS_RECIPE, RECIPE, recipeArchitecture, recipeTrainOptions } from '../../lib/model/recipe';
import { DEFAULT_CONDITIONING } from '../../lib/model/shipped';
import { Trainer } from '../../lib/model/train';
import { LearnedDenoiser } from '../../lib/model/denoiser';
import { makeSchedule } from '../../lib/science/schedule';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../lib/science/worlds';
import { defaultNotebookState } from '../../lib/state/notebook';

const seconds = Number(process.argv.find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 60);
const recipe = process.argv.includes('--recipe-off') ? PREVIOUS_RECIPE : RECIPE;
await initNodeBackend('wasm');
const st = defaultNotebookState();
const world = getBuiltinWorld(DEFAULT_WORLD)!;
const schedule = makeSchedule('linear');
const model = DenoiserModel.create(recipeArchitecture(DEFAULT_CONDITIONING, world.classes.length, schedule.name, recipe), 1);
const trainer = new Trainer(model, {
  world,
  schedule,
  pUncond: st.trainPUncond,
  dropout: st.trainDropout,
  lr: st.trainLr,
  steps: st.trainSteps,
  seed: 1,
  ...recipeTrainOptions(recipe),
});
const ctl = new AbortController();
const timer = setTimeout(() => ctl.abort(), seconds * 1000);
const t0 = performance.now();
const outcome = await trainer.run({ signal: ctl.signal });
clearTimeout(timer);
const wall = (performance.now() - t0) / 1000;
const den = new LearnedDenoiser(trainer.averaged, schedule);
const [row] = await slicedWassersteinTable(den, world, { scales: [1], n: 2000, steps: 100, seed: 2024 });
console.log(`recipe ${JSON.stringify(recipe)}`);
console.log(
  `lab defaults (${st.trainSteps} steps, lr ${st.trainLr}, p_uncond ${st.trainPUncond}, ${st.trainDropout}): ${trainer.stepCount} steps in ${wall.toFixed(1)} s (${outcome}, ` +
    `${(trainer.stepCount / wall).toFixed(1)} steps/s); SW at s = 1: ${row!.learned.toFixed(4)} vs floor ${row!.floor.toFixed(4)} = ${row!.ratio.toFixed(2)}× (goal ≤ 2×)`,
);
trainer.dispose();
model.dispose();
