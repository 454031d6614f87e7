/**
 * The fidelity–diversity sweep: guided samples at a row of guidance scales s, for one or more series (denoiser ×
 * sampler), each reduced to its metrics against the exact world: fidelity (mean exact posterior p(y | x_0)) and
 * diversity (log det of the sample covariance), the toy analogue of the FID/IS curves of Ho & Salimans.
 * DOM-free: the widget runs it in a Web Worker; the messages between the two are typed here too.
 */
import type { Guidance } from '../science/guidance';
import { sampleMetrics, slicedWasserstein } from '../science/metrics';
import { Rng } from '../science/random';
import { sampleWorld } from '../science/world';
import { sample, type SamplerName } from '../science/samplers';
import type { Denoiser, World } from '../science/types';

/** The scales of the sweep: 12 values in [0, 10], denser where the trade changes fastest. */
export const SWEEP_SCALES: readonly number[] = [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 7.5, 9, 10];

export type SweepDenoiser = 'exact' | 'learned';

export interface SweepSeries {
  denoiser: SweepDenoiser;
  sampler: SamplerName;
}

export const seriesKey = (s: SweepSeries): string => `${s.denoiser}-${s.sampler}`;

/** The series a state asks for (exact before learned: the exact ones are fast and come first). */
export function sweepSeries(st: { sweepExact: boolean; sweepLearned: boolean; sweepDdim: boolean; sweepDdpm: boolean }): SweepSeries[] {
  const out: SweepSeries[] = [];
  for (const denoiser of ['exact', 'learned'] as const) {
    if (!(denoiser === 'exact' ? st.sweepExact : st.sweepLearned)) continue;
    if (st.sweepDdim) out.push({ denoiser, sampler: 'ddim' });
    if (st.sweepDdpm) out.push({ denoiser, sampler: 'ddpm' });
  }
  return out;
}

/** Everything but s of the guided runs (the same for every point of a sweep; the same seed at every s). */
export interface SweepSettings {
  y: number;
  /** The guidance rule; its s is replaced by each scale of the sweep. */
  guidance: Omit<Guidance, 's'>;
  steps: number;
  eta: number;
  n: number;
  seed: number;
  scales?: readonly number[];
}

export interface SweepPoint {
  series: string;
  s: number;
  /** Mean exact posterior p(y | x_0) of the samples. */
  fidelity: number;
  /** log det of the sample covariance. */
  logDetCov: number;
  /** Share of class y's components that receive samples. */
  coverage: number;
  /** Distribution match: sliced Wasserstein distance to as many exact samples of p(x_0 | y) (eq. 8.9; lower is better). */
  distance: number;
  /** The samples (2n numbers), for the inset. */
  samples: Float32Array;
}

export interface SweepHooks {
  /** Each finished point, in order. */
  onPoint?: (p: SweepPoint) => void;
  /** Steps done of the whole series (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Called every step; may yield (a worker lets its cancel message in here). */
  pause?: () => void | Promise<void>;
  signal?: AbortSignal;
}

/** One series of the sweep: a guided run per scale; resolves with its points, rejects with the signal's reason if aborted. */
export async function sweepSeriesRun(
  denoiser: Denoiser,
  world: World,
  series: SweepSeries,
  settings: SweepSettings,
  hooks: SweepHooks = {},
): Promise<SweepPoint[]> {
  const scales = settings.scales ?? SWEEP_SCALES;
  const points: SweepPoint[] = [];
  const total = scales.length * settings.steps;
  const reference = classReference(world, settings.y, settings.n, settings.seed);
  for (let i = 0; i < scales.length; i++) {
    hooks.signal?.throwIfAborted();
    const s = scales[i]!;
    const { x0 } = await sample(denoiser, {
      sampler: series.sampler,
      eta: settings.eta,
      steps: settings.steps,
      n: settings.n,
      y: settings.y,
      seed: settings.seed,
      guidance: { ...settings.guidance, s },
      signal: hooks.signal,
      onStep: async (done) => {
        hooks.onProgress?.(i * settings.steps + done, total);
        await hooks.pause?.();
      },
    });
    hooks.signal?.throwIfAborted();
    const m = sampleMetrics(world, x0, settings.y);
    const point: SweepPoint = {
      series: seriesKey(series),
      s,
      fidelity: m.fidelity,
      logDetCov: m.logDetCov,
      coverage: m.componentCoverage,
      distance: slicedWasserstein(x0, reference),
      samples: Float32Array.from(x0),
    };
    points.push(point);
    hooks.onPoint?.(point);
  }
  return points;
}

/** Exact samples of p(x_0 | y), the reference of the distribution match (a seed apart from the sampler's). */
export function classReference(world: World, y: number, n: number, seed: number): Float64Array {
  return sampleWorld(world, n, new Rng(seed + 7919), y).x0;
}

/**
 * The sweet spot of a series: the scale of smallest distance to p(x_0 | y), and whether it is an interior minimum above
 * s = 1 (a U-shape: guidance helps the match before it hurts), compared against the distance at s = 1.
 */
export function sweetSpot(points: readonly Pick<SweepPoint, 's' | 'distance'>[]): { s: number; distance: number; atOne?: number; interior: boolean } {
  if (points.length === 0) throw new RangeError('no points');
  let best = points[0]!;
  for (const p of points) if (p.distance < best.distance) best = p;
  const atOne = points.find((p) => p.s === 1)?.distance;
  const last = points.reduce((a, b) => (b.s > a.s ? b : a));
  return { s: best.s, distance: best.distance, atOne, interior: best.s > 1 && best !== last };
}

/** The point of a series drawn as "current": the sweep scale nearest the shared s. */
export function nearestScale(s: number, scales: readonly number[] = SWEEP_SCALES): number {
  let best = scales[0]!;
  for (const v of scales) if (Math.abs(v - s) < Math.abs(best - s)) best = v;
  return best;
}

/** [min, max] of finite values, padded by `pad` of the span (a flat span gets ±0.5). */
export function paddedDomain(values: readonly number[], pad = 0.06): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo;
  if (span < 1e-9) return [lo - 0.5, hi + 0.5];
  return [lo - pad * span, hi + pad * span];
}

// ——— Messages between the widget and its worker ———

export interface SweepRequest {
  type: 'run';
  id: number;
  world: string;
  schedule: string;
  series: SweepSeries[];
  settings: SweepSettings;
  /** Side of the square grid (over the default extent) of the class density the worker sends first, for the inset. */
  densityGrid?: number;
  /** For the learned series: the state's choice of learned model (mechanism, p_uncond, tfjs backend), resolved in the worker. */
  learned?: { cond: string; pUncond: string; backend: string };
}

export interface SweepCancel {
  type: 'cancel';
  id: number;
}

export type SweepReply =
  | { type: 'density'; id: number; nx: number; alpha: Uint8ClampedArray }
  | { type: 'point'; id: number; point: SweepPoint }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'series-error'; id: number; series: string; message: string }
  | { type: 'done'; id: number; cancelled: boolean; tensors: number; backend?: string; ms: number };

/**
 * Answers one request: every series in turn, posting each point and the progress; a series whose denoiser cannot be
 * had (no learned model) is reported and skipped. Ends with a 'done' reply, also when cancelled through `signal`.
 */
export async function runSweepRequest(
  req: SweepRequest,
  world: World,
  denoiserOf: (d: SweepDenoiser) => Promise<Denoiser>,
  post: (r: SweepReply) => void,
  opts: { signal: AbortSignal; pause?: () => void | Promise<void>; tensors?: () => number; backend?: () => string | undefined; now?: () => number },
): Promise<void> {
  const now = opts.now ?? (() => Date.now());
  const t0 = now();
  const perSeries = (req.settings.scales ?? SWEEP_SCALES).length * req.settings.steps;
  const total = perSeries * req.series.length;
  let cancelled = false;
  for (let k = 0; k < req.series.length && !cancelled; k++) {
    const series = req.series[k]!;
    try {
      const denoiser = await denoiserOf(series.denoiser);
      await sweepSeriesRun(denoiser, world, series, req.settings, {
        signal: opts.signal,
        pause: opts.pause,
        onPoint: (point) => post({ type: 'point', id: req.id, point }),
        onProgress: (done) => post({ type: 'progress', id: req.id, done: k * perSeries + done, total }),
      });
    } catch (err) {
      if (opts.signal.aborted) cancelled = true;
      else post({ type: 'series-error', id: req.id, series: seriesKey(series), message: err instanceof Error ? err.message : String(err) });
    }
  }
  post({ type: 'done', id: req.id, cancelled, tensors: opts.tensors?.() ?? 0, backend: opts.backend?.(), ms: now() - t0 });
}
