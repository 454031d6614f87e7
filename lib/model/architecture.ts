/**
 * The shape of the learned denoiser: its architecture record (stored verbatim in weight files), the ordered list of
 * its parameter tensors and their seeded initial values. Plain JS (no tfjs). The network itself: network.ts.
 */
import { Rng } from '../science/random';
import { SCHEDULE_NAMES, type ScheduleName } from '../science/schedule';
import { CONDITIONINGS, type Conditioning } from './conditioning';
import { inputDim } from './features';
import { PARAMETERIZATIONS, type Parameterization } from './precondition';

/** Everything that fixes the tensor shapes of a model. Stored verbatim in weight files. */
export interface Architecture {
  conditioning: Conditioning;
  /** K, the number of real classes; the condition tables have K + 1 rows (row K is ∅). */
  numClasses: number;
  /** Number of timesteps T the embedding is scaled for (t ∈ {0 … T−1}). */
  T: number;
  /** H, hidden width of the residual stream. */
  hidden: number;
  /** Number of residual blocks. */
  blocks: number;
  /** F, number of sinusoidal frequencies (the raw time features have 2F numbers). */
  timeFreqs: number;
  /** Highest frequency of the time features, in radians per unit of √(t/T) (see `timeFeatures`). */
  timeMaxFreq: number;
  /** Sinusoidal features of each coordinate of x_t added to x_t itself (0 = x_t only; see `inputFeatures`). */
  inputFreqs: number;
  /** Highest frequency of the input features, in radians per unit of x. */
  inputMaxFreq: number;
  /** E, width of the time / condition embedding. */
  embed: number;
  /** cross-attention: n, the hidden features are split into n query tokens of H/n features. */
  queryTokens: number;
  /** cross-attention: M, learned tokens per condition (∅ has its own M tokens). */
  condTokens: number;
  /** cross-attention: D_c, width of a condition token, and d_a, width of queries / keys / values. */
  tokenDim: number;
  /** What the raw output predicts (precondition.ts); absent: 'eps' (files from before the field). */
  parameterization?: Parameterization;
  /** σ_data of the 'edm' preconditioning (absent: 1). */
  sigmaData?: number;
  /** The noise schedule the read-out coefficients come from (absent: linear); needed unless the parameterization is 'eps'. */
  schedule?: ScheduleName;
}

/** Default sizes: ≈ 3–4·10⁴ parameters, trainable in a browser tab. */
export function defaultArchitecture(
  conditioning: Conditioning,
  numClasses: number,
  overrides: Partial<Omit<Architecture, 'conditioning' | 'numClasses'>> = {},
): Architecture {
  return {
    conditioning,
    numClasses,
    T: 1000,
    hidden: 64,
    blocks: 3,
    timeFreqs: 16,
    timeMaxFreq: 60,
    inputFreqs: 0,
    inputMaxFreq: 8,
    embed: 64,
    queryTokens: 4,
    condTokens: 4,
    tokenDim: 16,
    ...overrides,
  };
}

/** The fields in which two architectures differ (a field absent from one counts), compared by value. */
export function architectureDifferences(a: Architecture, b: Architecture): (keyof Architecture)[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof Architecture)[];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Checks an architecture; returns a list of problems (empty when fine). */
export function architectureProblems(a: unknown): string[] {
  const p: string[] = [];
  if (typeof a !== 'object' || a === null) return ['architecture is not an object'];
  const r = a as Record<string, unknown>;
  if (!CONDITIONINGS.includes(r.conditioning as Conditioning)) {
    p.push(`conditioning must be one of ${CONDITIONINGS.join(', ')}, got ${JSON.stringify(r.conditioning)}`);
  }
  const ints: [keyof Architecture, number, number][] = [
    ['numClasses', 1, 1024],
    ['T', 2, 100000],
    ['hidden', 1, 4096],
    ['blocks', 1, 64],
    ['timeFreqs', 1, 512],
    ['timeMaxFreq', 1, 100000],
    ['inputFreqs', 0, 256],
    ['inputMaxFreq', 1, 100000],
    ['embed', 1, 4096],
    ['queryTokens', 1, 512],
    ['condTokens', 1, 512],
    ['tokenDim', 1, 4096],
  ];
  for (const [k, lo, hi] of ints) {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      p.push(`architecture.${k} must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    }
  }
  if (r.parameterization !== undefined && !PARAMETERIZATIONS.includes(r.parameterization as Parameterization)) {
    p.push(`architecture.parameterization must be one of ${PARAMETERIZATIONS.join(', ')}, got ${JSON.stringify(r.parameterization)}`);
  }
  if (r.sigmaData !== undefined && !(typeof r.sigmaData === 'number' && r.sigmaData > 0 && r.sigmaData < 1000)) {
    p.push(`architecture.sigmaData must be a number in (0, 1000), got ${JSON.stringify(r.sigmaData)}`);
  }
  if (r.schedule !== undefined && !SCHEDULE_NAMES.includes(r.schedule as ScheduleName)) {
    p.push(`architecture.schedule must be one of ${SCHEDULE_NAMES.join(', ')}, got ${JSON.stringify(r.schedule)}`);
  }
  if (p.length === 0 && r.conditioning === 'cross-attention' && (r.hidden as number) % (r.queryTokens as number) !== 0) {
    p.push(`architecture.hidden (${String(r.hidden)}) must be divisible by queryTokens (${String(r.queryTokens)})`);
  }
  return p;
}

export type Init = 'zeros' | 'lecun' | 'normal';
export interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
}

/** The ordered list of parameter tensors of an architecture: names, shapes, initialisers. */
export function parameterSpecs(a: Architecture): ParamSpec[] {
  const H = a.hidden;
  const E = a.embed;
  const K1 = a.numClasses + 1;
  const specs: ParamSpec[] = [];
  const lin = (name: string, nin: number, nout: number, zero = false): void => void specs.push(...linearSpecs(name, nin, nout, zero));
  lin('time.1', 2 * a.timeFreqs, E);
  lin('time.2', E, E);
  if (a.conditioning === 'cross-attention') {
    specs.push({ name: 'cond.tokens', shape: [K1, a.condTokens * a.tokenDim], init: 'normal' });
  } else {
    specs.push({ name: 'cond.table', shape: [K1, E], init: 'normal' });
    specs.push({ name: 'cond.proj', shape: [E, E], init: 'lecun' });
  }
  lin('in', inputDim(a), H);
  const d = H / a.queryTokens;
  for (let b = 0; b < a.blocks; b++) {
    const p = `block${b}`;
    if (a.conditioning === 'adanorm') {
      lin(`${p}.mod`, E, 2 * H, true);
    } else {
      specs.push({ name: `${p}.emb.w`, shape: [E, H], init: 'lecun' });
    }
    lin(`${p}.fc1`, H, H);
    lin(`${p}.fc2`, H, H);
    if (a.conditioning === 'cross-attention') {
      specs.push({ name: `${p}.attn.q`, shape: [d, a.tokenDim], init: 'lecun' });
      specs.push({ name: `${p}.attn.k`, shape: [a.tokenDim, a.tokenDim], init: 'lecun' });
      specs.push({ name: `${p}.attn.v`, shape: [a.tokenDim, a.tokenDim], init: 'lecun' });
      specs.push({ name: `${p}.attn.o`, shape: [a.tokenDim, d], init: 'zeros' });
    }
  }
  lin('out', H, 2, true);
  return specs;
}

/** The weight (LeCun-initialised, or zero) and the zero bias of a linear layer `name`: nin → nout. */
export function linearSpecs(name: string, nin: number, nout: number, zero = false): ParamSpec[] {
  return [
    { name: `${name}.w`, shape: [nin, nout], init: zero ? 'zeros' : 'lecun' },
    { name: `${name}.b`, shape: [nout], init: 'zeros' },
  ];
}

/** The number of values in a list of parameter tensors. */
export function countSpecs(specs: readonly ParamSpec[]): number {
  return specs.reduce((n, s) => n + s.shape.reduce((x, y) => x * y, 1), 0);
}

export function countParameters(a: Architecture): number {
  return countSpecs(parameterSpecs(a));
}

/** Initial values, drawn from a seeded Rng: the same seed gives the same model on every backend. */
export function initialParameters(a: Architecture, seed: number): Map<string, Float32Array> {
  return initialValues(parameterSpecs(a), seed);
}

/** Initial values of any list of parameter specs (LeCun-normal, N(0, 1) or zeros), from a seeded Rng. */
export function initialValues(specs: readonly ParamSpec[], seed: number): Map<string, Float32Array> {
  const rng = new Rng(seed);
  const out = new Map<string, Float32Array>();
  for (const s of specs) {
    const size = s.shape.reduce((x, y) => x * y, 1);
    const v = new Float32Array(size);
    if (s.init !== 'zeros') {
      const std = s.init === 'lecun' ? 1 / Math.sqrt(s.shape[0]!) : 1;
      for (let i = 0; i < size; i++) v[i] = rng.normal() * std;
    }
    out.set(s.name, v);
  }
  return out;
}
