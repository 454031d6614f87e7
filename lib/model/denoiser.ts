/**
 * `LearnedDenoiser`: the tfjs network behind the science core's `Denoiser` interface, so every
 * sampler, field and metric runs on it unchanged. A guided step hands it the doubled batch
 * [x, x] with conditions [∅, y] (lib/science/guidance.ts `guidedEps`): `eps` runs the network
 * once on whatever batch it gets, so ∅ and y are evaluated in one forward pass.
 */
import { makeSchedule, type Schedule } from '../science/schedule';
import { NULL_CLASS, type Denoiser, type Points } from '../science/types';
import { DenoiserModel, countParameters, type Conditioning } from './network';
import { fetchText } from './fetch-text';
import { parseWeights, WEIGHT_LIMITS, WeightFileError, type LoadedWeights, type WeightExpectations, type WeightMeta } from './weights';

export class LearnedDenoiser implements Denoiser {
  readonly kind = 'learned' as const;
  readonly numClasses: number;
  readonly schedule: Schedule;
  private meta_: WeightMeta | null;

  constructor(
    readonly model: DenoiserModel,
    schedule?: Schedule,
    meta: WeightMeta | null = null,
  ) {
    this.numClasses = model.arch.numClasses;
    this.schedule = schedule ?? makeSchedule('linear', model.arch.T);
    if (this.schedule.T !== model.arch.T) throw new RangeError(`schedule T = ${this.schedule.T} but the model was built for T = ${model.arch.T}`);
    this.meta_ = meta;
  }

  /** A denoiser with a new model built from validated weights (see `parseWeights`). */
  static fromWeights(w: LoadedWeights): LearnedDenoiser {
    const model = DenoiserModel.fromValues(w.architecture, w.values);
    const { values: _values, ...meta } = w;
    return new LearnedDenoiser(model, makeSchedule(w.schedule.name, w.schedule.T), meta);
  }

  /** Parses, validates and builds in one call (throws WeightFileError; nothing is created on failure). */
  static fromJson(text: string | unknown, expect: WeightExpectations = {}): LearnedDenoiser {
    return LearnedDenoiser.fromWeights(parseWeights(text, expect));
  }

  /** The metadata of the weights in use (world, architecture, training), if loaded from a file. */
  get meta(): WeightMeta | null {
    return this.meta_;
  }

  /** Number of trained parameters. */
  get parameterCount(): number {
    return countParameters(this.model.arch);
  }

  get conditioning(): Conditioning {
    return this.model.arch.conditioning;
  }

  /** ε_θ(x, t, c) for a batch: one forward pass (the `Denoiser` interface). */
  eps(x: Points, t: number, cond: Int32Array): Promise<Float64Array> {
    return this.model.predict(x, t, cond);
  }

  /** The same, read back synchronously (cpu / wasm). */
  epsSync(x: Points, t: number, cond: Int32Array): Float64Array {
    return this.model.predictSync(x, t, cond);
  }

  /**
   * ε_θ(x, t, ∅) and ε_θ(x, t, y) for the same points, from one forward pass on the doubled batch
   * [x, x] with conditions [∅ (or `uncond`), y]. A field view caches both and recombines
   * ε̃ = ε_∅ + s (ε_y − ε_∅) on every slider move without re-running the network.
   */
  async epsPair(x: Points, t: number, y: number | Int32Array, uncond: number = NULL_CLASS): Promise<{ epsUncond: Float64Array; epsCond: Float64Array }> {
    const n = x.length >> 1;
    const x2 = new Float64Array(4 * n);
    x2.set(x, 0);
    x2.set(x, 2 * n);
    const cond2 = new Int32Array(2 * n);
    cond2.fill(uncond, 0, n);
    if (typeof y === 'number') cond2.fill(y, n);
    else {
      if (y.length !== n) throw new RangeError(`need one class per point (${n}), got ${y.length}`);
      cond2.set(y, n);
    }
    const out = await this.model.predict(x2, t, cond2);
    return { epsUncond: out.slice(0, 2 * n), epsCond: out.slice(2 * n) };
  }

  /**
   * Replaces the weights in use with those of a file, after checking that it fits this model
   * (same architecture and, if loaded from a file, same world). On any problem it throws a
   * WeightFileError and the weights in use are untouched.
   */
  loadWeights(input: string | unknown | LoadedWeights): void {
    const w = isLoaded(input) ? input : parseWeights(input, { architecture: this.model.arch, world: this.meta_?.world.definition });
    const diffs = (Object.keys(this.model.arch) as (keyof typeof this.model.arch)[]).filter((k) => this.model.arch[k] !== w.architecture[k]);
    if (diffs.length) throw new WeightFileError(`weights do not fit this model: architecture differs in ${diffs.join(', ')}`);
    this.model.setValues(w.values);
    const { values: _values, ...meta } = w;
    this.meta_ = meta;
  }

  /** Frees the model's tensors. */
  dispose(): void {
    this.model.dispose();
  }
}

function isLoaded(x: unknown): x is LoadedWeights {
  return typeof x === 'object' && x !== null && (x as { values?: unknown }).values instanceof Map;
}

/**
 * Fetches and validates a weight file (browser or Node ≥ 18: uses the global `fetch` unless one is given), within
 * `timeoutMs` (default FETCH_TIMEOUT_MS). Throws WeightFileError (bad file) or Error (network, timeout) without
 * creating anything.
 */
export async function fetchWeights(url: string, expect: WeightExpectations = {}, fetchImpl: typeof fetch = fetch, timeoutMs?: number): Promise<LoadedWeights> {
  return parseWeights(await fetchText(url, { fetchImpl, timeoutMs, maxChars: WEIGHT_LIMITS.maxChars }), expect);
}
