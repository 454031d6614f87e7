// Guided sampler throughput (issue #15, item 4): particle-steps per second of DDIM with CFG (s = 7.5, 2000 particles,
// 50 steps) with the shipped default model, uncapped by any frame rate, per Node tfjs backend:
//  - per-step read-back: lib/science's `sample` on the tfjs model (one download per step, the widgets' old path);
//  - tensor-resident: lib/model/tensor-sampler.ts, state on the backend, one download at the end (one per frame);
//  - plain JS: the same network over Float32Arrays (lib/model/js-network.ts), measured in the same run, and the ratio.
// In a browser the same comparison with webgl is what the guided-sampler widget would see; Node has cpu and wasm.
//   npx tsx scripts/bench/sampler.ts [particles, default 2000] [steps, default 50]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LearnedDenoiser } from '../../lib/model/denoiser';
import { JsNetwork } from '../../lib/model/js-network';
import { initNodeBackend, type NodeBackend } from '../../lib/model/node';
import { shippedWeightsPath } from '../../lib/model/shipped';
import { TensorSampler } from '../../lib/model/tensor-sampler';
import { parseWeights } from '../../lib/model/weights';
import { Rng } from '../../lib/science/random';
import { initialNoise, sample } from '../../lib/science/samplers';
import { makeSchedule } from '../../lib/science/schedule';
import { DEFAULT_WORLD } from '../../lib/science/worlds';

const n = Number(process.argv[2] ?? 2000);
const steps = Number(process.argv[3] ?? 50);
const root = fileURLToPath(new URL('../../', import.meta.url));
const w = parseWeights(readFileSync(`${root}public/${shippedWeightsPath(DEFAULT_WORLD)}`, 'utf8'));
const schedule = makeSchedule(w.schedule.name, w.schedule.T);
const xT = initialNoise(n, new Rng(1));
const opts = { n, y: 0, guidance: { s: 7.5 }, sampler: 'ddim', steps, seed: 1, xT } as const;
const rate = (ms: number): string => `${((n * steps) / (ms / 1000) / 1000).toFixed(1)} k`;

console.log(`\n### Guided DDIM, ${n} particles × ${steps} steps, s = 7.5 (particle-steps per second, median of 3)`);
console.log('backend   per-step read-back   tensor-resident   plain JS   tensor-resident speed ÷ plain JS');
for (const b of ['wasm', 'cpu'] as NodeBackend[]) {
  await initNodeBackend(b);
  const den = LearnedDenoiser.fromWeights(w);
  const js = new JsNetwork(w.architecture, w.values, schedule);
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    await f(); // warm-up
    const ms: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await f();
      ms.push(performance.now() - t0);
    }
    return ms.sort((a, c) => a - c)[1]!;
  };
  const perStep = await time(() => sample(den, opts));
  const tensor = await time(async () => {
    const s = new TensorSampler(den.model, schedule, { y: 0, s: 7.5, steps }, xT);
    while (s.step()) {
      /* on the backend */
    }
    await s.read();
    s.dispose();
  });
  const plain = await time(() => sample(js, opts));
  console.log(
    `${b.padEnd(9)} ${rate(perStep).padStart(18)}   ${rate(tensor).padStart(15)}   ${rate(plain).padStart(8)}   ${(plain / tensor).toFixed(2).padStart(17)}×`,
  );
  den.dispose();
}
