// Benchmark of the learned model in Node, per backend (wasm, cpu): training steps per second
// (batch 128, each mechanism) and the latency of a 32×32 field forward pass on the doubled batch
// (2048 points: [x, x] with [∅, y]); then the noisy classifier of classifier guidance: its training steps per
// second and the latency of its input gradient ∇_x log p_θ(y | x_t) (tf.grad) on the 32×32 grid. Medians; prints
// numbers, passes nothing.
// The headless-Chromium numbers (webgl / wasm / cpu in the page) belong to the widget benchmark.
import * as tf from '@tensorflow/tfjs-core';
import { LearnedDenoiser } from '../../lib/model/denoiser';
import { CONDITIONINGS, DenoiserModel, countParameters, defaultArchitecture } from '../../lib/model/network';
import { initNodeBackend, NODE_BACKENDS } from '../../lib/model/node';
import { Trainer } from '../../lib/model/train';
import { ClassifierTrainer, NoisyClassifier, defaultClassifierArchitecture } from '../../lib/model/classifier';
import { getBuiltinWorld } from '../../lib/science/worlds';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const world = getBuiltinWorld('three-spirals')!;
const quick = process.argv.includes('--quick');
const batch = 128; // the shipped-weights batch size
const grid = 32;
const n = grid * grid;
const x = new Float64Array(2 * n);
for (let i = 0; i < n; i++) {
  x[2 * i] = -3 + (6 * (i % grid)) / (grid - 1);
  x[2 * i + 1] = -3 + (6 * Math.floor(i / grid)) / (grid - 1);
}

console.log(`node ${process.version}, batch ${batch}, field ${grid}×${grid} doubled (${2 * n} points)`);
console.log('| backend | conditioning | params | train steps/s | ms/step | field forward ms |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const backend of NODE_BACKENDS) {
  await initNodeBackend(backend);
  for (const c of CONDITIONINGS) {
    const arch = defaultArchitecture(c, world.classes.length);
    const model = DenoiserModel.create(arch, 1);
    const trainer = new Trainer(model, { world, steps: 1000, batchSize: batch, seed: 1 });
    const reps = backend === 'cpu' || quick ? 5 : 15;
    const stepMs: number[] = [];
    trainer.step(); // warm-up
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      trainer.step();
      stepMs.push(performance.now() - t0);
    }
    const den = new LearnedDenoiser(trainer.averaged);
    await den.epsPair(x, 500, 0);
    const fwdMs: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      await den.epsPair(x, 500, 0);
      fwdMs.push(performance.now() - t0);
    }
    const ms = median(stepMs);
    console.log(`| ${backend} | ${c} | ${countParameters(arch)} | ${(1000 / ms).toFixed(1)} | ${ms.toFixed(1)} | ${median(fwdMs).toFixed(1)} |`);
    trainer.dispose();
    model.dispose();
  }
}

console.log(`\nnoisy classifier p_θ(y | x_t) (${world.name}, batch ${batch}), gradient on the ${grid}×${grid} grid (${n} points)`);
console.log('| backend | params | train steps/s | ms/step | gradient ms |');
console.log('| --- | --- | --- | --- | --- |');
const ys = new Int32Array(n);
for (const backend of NODE_BACKENDS) {
  await initNodeBackend(backend);
  const clf = NoisyClassifier.create(defaultClassifierArchitecture(world.classes.length), 1);
  const trainer = new ClassifierTrainer(clf, { world, steps: 1000, batchSize: batch, seed: 1 });
  const reps = quick ? 5 : 25;
  trainer.step(); // warm-up
  const stepMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    trainer.step();
    stepMs.push(performance.now() - t0);
  }
  await clf.gradLogProb(x, 500, ys);
  const gradMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await clf.gradLogProb(x, 500, ys);
    gradMs.push(performance.now() - t0);
  }
  const ms = median(stepMs);
  console.log(`| ${backend} | ${clf.numParameters} | ${(1000 / ms).toFixed(1)} | ${ms.toFixed(2)} | ${median(gradMs).toFixed(2)} |`);
  trainer.dispose();
  clf.dispose();
}
console.log(`tensors left: ${tf.memory().numTensors}`);
