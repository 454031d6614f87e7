/**
 * Quality of a learned denoiser against the exact one of its world (DOM-free; used by
 * `scorefield evaluate` and available to widgets).
 *
 * 1. ε error, p_t-weighted: for each band of timesteps, x_t is drawn from the noised data
 *    (x_0, y ~ world, t uniform in the band, ε ~ N(0, I)), so the error counts where p_t has mass.
 *    RMSE = √(mean over points and both coordinates of (ε_θ − ε*)²), for c = y (the point's own
 *    class) and for c = ∅ at the same x_t.
 * 2. Sliced Wasserstein distance (64 directions) between learned and exact samples, per class
 *    (n samples each, averaged over classes), at guidance scales s; next to the Monte-Carlo floor:
 *    the same distance between two independent exact runs of the same size and sampler.
 * 3. The error of the guidance direction where guided samples go: along exact guided DDIM paths at
 *    scale s, the RMSE of the learned ε_θ(x_t, t, y) − ε_θ(x_t, t, ∅) against the exact difference,
 *    per band. CFG multiplies this error by s (ε̃ = ε_∅ + s(ε_y − ε_∅)); (1) measures each branch
 *    where the data are, not their difference where guided samples go.
 */
import { Rng } from '../science/random';
import { ExactDenoiser } from '../science/exact';
import { slicedWasserstein } from '../science/metrics';
import { sample, type SamplerName } from '../science/samplers';
import { doubledBatch } from '../science/guidance';
import type { Denoiser, World } from '../science/types';
import { sampleWorld } from '../science/world';

export interface Band {
  lo: number;
  hi: number;
}

/** Default bands for T = 1000: low, mid and high noise. */
export function defaultBands(T: number): Band[] {
  const q = (f: number): number => Math.round(f * T);
  return [
    { lo: 0, hi: q(0.1) - 1 },
    { lo: q(0.1), hi: q(0.3) - 1 },
    { lo: q(0.3), hi: q(0.6) - 1 },
    { lo: q(0.6), hi: T - 1 },
  ];
}

export interface BandError {
  band: Band;
  /** RMSE of ε_θ(x_t, t, y) against ε*(x_t, t, y). */
  rmseCond: number;
  /** RMSE of ε_θ(x_t, t, ∅) against ε*(x_t, t, ∅). */
  rmseUncond: number;
}

/** p_t-weighted ε RMSE per band (see the file comment). `timesteps` per band, `n` points per timestep. */
export async function epsErrorByBand(
  learned: Denoiser,
  world: World,
  opts: { bands?: Band[]; timesteps?: number; n?: number; seed?: number } = {},
): Promise<BandError[]> {
  const schedule = learned.schedule;
  const exact = new ExactDenoiser(world, schedule);
  const bands = opts.bands ?? defaultBands(schedule.T);
  const nt = opts.timesteps ?? 16;
  const n = opts.n ?? 256;
  const rng = new Rng(opts.seed ?? 12345);
  const out: BandError[] = [];
  for (const band of bands) {
    let sc = 0;
    let su = 0;
    let count = 0;
    for (let j = 0; j < nt; j++) {
      // stratified over the band
      const t = Math.min(band.hi, band.lo + Math.floor(((j + rng.uniform()) * (band.hi - band.lo + 1)) / nt));
      const ab = schedule.alphasCumprod[t]!;
      const { x0, y } = sampleWorld(world, n, rng);
      const xt = new Float64Array(2 * n);
      for (let i = 0; i < 2 * n; i++) xt[i] = Math.sqrt(ab) * x0[i]! + Math.sqrt(1 - ab) * rng.normal();
      const { x2, cond2 } = doubledBatch(xt, y);
      const el = await learned.eps(x2, t, cond2);
      const ee = exact.eps(x2, t, cond2);
      for (let i = 0; i < 2 * n; i++) {
        const du = el[i]! - ee[i]!;
        const dc = el[2 * n + i]! - ee[2 * n + i]!;
        su += du * du;
        sc += dc * dc;
      }
      count += 2 * n;
    }
    out.push({ band, rmseCond: Math.sqrt(sc / count), rmseUncond: Math.sqrt(su / count) });
  }
  return out;
}

export interface SwRow {
  s: number;
  /** SW(learned, exact), mean over classes. */
  learned: number;
  /** SW(exact run B, exact run A), mean over classes: the Monte-Carlo floor. */
  floor: number;
  /** learned / floor (both summed over the repeats). */
  ratio: number;
  /** learned / floor of each repeat (one entry unless `repeats` > 1): the spread of the estimate. */
  ratios: number[];
  /** learned / floor of each class (summed over the repeats): which class the distance comes from. */
  byClass: number[];
}

export interface SwOptions {
  scales?: number[];
  /** Samples per class per run. Default 1000. */
  n?: number;
  sampler?: SamplerName;
  /** Sampler steps. Default 100. */
  steps?: number;
  seed?: number;
  /**
   * Independent repeats (default 1), repeat r drawing with seed + REPEAT_SEED_STRIDE · r: the distances are summed over
   * them, so the ratio rests on `repeats` floor estimates instead of one.
   */
  repeats?: number;
  /** Called after each (s, class) with a short message. */
  onProgress?: (msg: string) => void;
}

/** Seed offset between the repeats of `slicedWassersteinTable` (a class uses seeds seed + 1000 y + 1…3 within one). */
export const REPEAT_SEED_STRIDE = 100_000;

/** Sliced Wasserstein distance learned vs exact, and the floor, at each guidance scale. */
export async function slicedWassersteinTable(learned: Denoiser, world: World, opts: SwOptions = {}): Promise<SwRow[]> {
  const exact = new ExactDenoiser(world, learned.schedule);
  const scales = opts.scales ?? [0, 1, 3, 7.5];
  const n = opts.n ?? 1000;
  const steps = opts.steps ?? 100;
  const sampler = opts.sampler ?? 'ddim';
  const seed = opts.seed ?? 2024;
  const repeats = opts.repeats ?? 1;
  const K = world.classes.length;
  const rows: SwRow[] = [];
  for (const s of scales) {
    const classL = new Array<number>(K).fill(0);
    const classF = new Array<number>(K).fill(0);
    const ratios: number[] = [];
    for (let r = 0; r < repeats; r++) {
      let rL = 0;
      let rF = 0;
      for (let y = 0; y < K; y++) {
        const base = { n, y, guidance: { s }, sampler, steps } as const;
        const at = seed + REPEAT_SEED_STRIDE * r + 1000 * y;
        const a = await sample(exact, { ...base, seed: at + 1 });
        const b = await sample(exact, { ...base, seed: at + 2 });
        const l = await sample(learned, { ...base, seed: at + 3 });
        const dL = slicedWasserstein(l.x0, a.x0);
        const dF = slicedWasserstein(b.x0, a.x0);
        rL += dL;
        rF += dF;
        classL[y]! += dL;
        classF[y]! += dF;
        opts.onProgress?.(`s = ${s}, class ${y + 1}/${K}${repeats > 1 ? `, repeat ${r + 1}/${repeats}` : ''}`);
      }
      ratios.push(rL / rF);
    }
    const swL = classL.reduce((u, v) => u + v, 0);
    const swF = classF.reduce((u, v) => u + v, 0);
    rows.push({ s, learned: swL / (K * repeats), floor: swF / (K * repeats), ratio: swL / swF, ratios, byClass: classL.map((l, y) => l / classF[y]!) });
  }
  return rows;
}

export interface GuidedPathError {
  band: Band;
  /** RMSE (over points and both coordinates) of the learned ε_y − ε_∅ against the exact difference, on exact guided paths; NaN when no sampler step falls in the band. */
  rmseDiff: number;
  /** Sampler steps (per path) whose timestep lies in the band. */
  steps: number;
}

/**
 * Error of the learned guidance direction ε_y − ε_∅ along exact guided paths (see the file comment, 3.): for each
 * class, `n` exact DDIM paths at scale `s` with `steps` steps; at every step the learned and exact differences
 * are compared at the path's points; steps are pooled into the bands of their timestep.
 */
export async function guidedPathError(
  learned: Denoiser,
  world: World,
  opts: { s?: number; n?: number; steps?: number; seed?: number; bands?: Band[] } = {},
): Promise<GuidedPathError[]> {
  const exact = new ExactDenoiser(world, learned.schedule);
  const bands = opts.bands ?? defaultBands(learned.schedule.T);
  const n = opts.n ?? 500;
  const sums = bands.map(() => ({ se: 0, count: 0 }));
  const K = world.classes.length;
  for (let y = 0; y < K; y++) {
    const run = await sample(exact, {
      n,
      y,
      guidance: { s: opts.s ?? 7.5 },
      sampler: 'ddim',
      steps: opts.steps ?? 100,
      seed: (opts.seed ?? 2024) + 1000 * y + 4,
      trajectory: true,
    });
    const ys = new Int32Array(n).fill(y);
    for (let i = 0; i < run.timesteps.length; i++) {
      const t = run.timesteps[i]!;
      const b = bands.findIndex((band) => t >= band.lo && t <= band.hi);
      if (b < 0) continue;
      const { x2, cond2 } = doubledBatch(run.trajectory![i]!, ys);
      const el = await learned.eps(x2, t, cond2);
      const ee = exact.eps(x2, t, cond2);
      for (let k = 0; k < 2 * n; k++) {
        const e = el[2 * n + k]! - el[k]! - (ee[2 * n + k]! - ee[k]!);
        sums[b]!.se += e * e;
      }
      sums[b]!.count += 2 * n;
    }
  }
  // every step of every path adds 2n numbers (n points, both coordinates) to its band
  return bands.map((band, b) => ({ band, rmseDiff: sums[b]!.count ? Math.sqrt(sums[b]!.se / sums[b]!.count) : NaN, steps: sums[b]!.count / (2 * n * K) }));
}
