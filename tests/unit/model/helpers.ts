import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend, type NodeBackend } from '../../../lib/model/node';
import { ExactDenoiser } from '../../../lib/science/exact';
import { Rng } from '../../../lib/science/random';
import { makeSchedule } from '../../../lib/science/schedule';
import { NULL_CLASS, type Denoiser, type World } from '../../../lib/science/types';
import { sampleWorld } from '../../../lib/science/world';

export async function backend(name: NodeBackend = 'wasm'): Promise<void> {
  await initNodeBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} not active`);
}

/** RMSE of ε_θ vs ε* over noised data at a few mid/low-noise timesteps, for c = y and c = ∅. */
export async function epsRmse(den: Denoiser, world: World, seed = 7, ts = [50, 150, 300, 500]): Promise<{ cond: number; uncond: number }> {
  const exact = new ExactDenoiser(world, makeSchedule('linear', 1000));
  const rng = new Rng(seed);
  const n = 256;
  let sc = 0;
  let su = 0;
  let m = 0;
  for (const t of ts) {
    const ab = exact.schedule.alphasCumprod[t]!;
    const { x0, y } = sampleWorld(world, n, rng);
    const x = x0.map((v) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * rng.normal());
    const nul = new Int32Array(n).fill(NULL_CLASS);
    const [lc, lu] = [await den.eps(x, t, y), await den.eps(x, t, nul)];
    const [ec, eu] = [exact.eps(x, t, y), exact.eps(x, t, nul)];
    for (let i = 0; i < 2 * n; i++) {
      sc += (lc[i]! - ec[i]!) ** 2;
      su += (lu[i]! - eu[i]!) ** 2;
    }
    m += 2 * n;
  }
  return { cond: Math.sqrt(sc / m), uncond: Math.sqrt(su / m) };
}
