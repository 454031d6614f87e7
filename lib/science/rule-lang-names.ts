/**
 * The names of the guidance-rule language (rule-lang.ts): its values, the variables a rule may read, the notation's
 * symbols accepted for them, and its functions. Nothing here reaches anything but numbers and 2-vectors.
 */
export type Ty = 'num' | 'vec';
export type Value = number | readonly [number, number];

/** The inputs of a rule at one point (vectors are the point's two coordinates). */
export interface RuleInputs {
  epsU: readonly [number, number];
  epsY: readonly [number, number];
  x: readonly [number, number];
  s: number;
  t: number;
  alphaBar: number;
  /** ᾱ of the sampler's next timestep (1 after the last step). */
  alphaBarPrev: number;
}

/** A parse, type or evaluation error, with the character offset it concerns (−1: the whole rule). */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly at = -1,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

export interface VarSpec {
  ty: Ty;
  get: (i: RuleInputs) => Value;
}
const sq = (v: number) => Math.sqrt(v);
export const VARS: Record<string, VarSpec> = {
  eps_u: { ty: 'vec', get: (i) => i.epsU },
  eps_y: { ty: 'vec', get: (i) => i.epsY },
  x: { ty: 'vec', get: (i) => i.x },
  s: { ty: 'num', get: (i) => i.s },
  w: { ty: 'num', get: (i) => i.s - 1 },
  t: { ty: 'num', get: (i) => i.t },
  sigma: { ty: 'num', get: (i) => sq(1 - i.alphaBar) },
  abar: { ty: 'num', get: (i) => i.alphaBar },
  abar_prev: { ty: 'num', get: (i) => i.alphaBarPrev },
};
/** The notation's symbols, accepted for the ASCII names. */
export const RULE_ALIASES: Readonly<Record<string, string>> = {
  'ε_∅': 'eps_u',
  ε_y: 'eps_y',
  x_t: 'x',
  σ_t: 'sigma',
  σ: 'sigma',
  ᾱ_t: 'abar',
  ᾱ_prev: 'abar_prev',
};
export const RULE_VARIABLES = Object.keys(VARS);

export type Fn = { args: Ty[] | 'any1' | 'clip'; ret: (tys: Ty[]) => Ty; run: (a: Value[], i: RuleInputs) => Value };
export const num = (v: Value) => v as number;
export const vec = (v: Value) => v as readonly [number, number];
const map1 = (f: (n: number) => number) => (a: Value[]) => (typeof a[0] === 'number' ? f(a[0]) : ([f(vec(a[0]!)[0]), f(vec(a[0]!)[1])] as const));
const x0Of = (e: readonly [number, number], i: RuleInputs) => {
  const a = sq(i.alphaBar);
  const sg = sq(1 - i.alphaBar);
  return [(i.x[0] - sg * e[0]) / a, (i.x[1] - sg * e[1]) / a] as const;
};
export const FNS: Record<string, Fn> = {
  dot: { args: ['vec', 'vec'], ret: () => 'num', run: ([a, b]) => vec(a!)[0] * vec(b!)[0] + vec(a!)[1] * vec(b!)[1] },
  norm: { args: ['vec'], ret: () => 'num', run: ([a]) => Math.hypot(vec(a!)[0], vec(a!)[1]) },
  /** The component of a along b: (⟨a, b⟩/‖b‖²) b (zero for b = 0). */
  proj: {
    args: ['vec', 'vec'],
    ret: () => 'vec',
    run: ([a, b]) => {
      const [bx, by] = vec(b!);
      const bb = bx * bx + by * by;
      const k = bb > 0 ? (vec(a!)[0] * bx + vec(a!)[1] * by) / bb : 0;
      return [k * bx, k * by];
    },
  },
  /** x̂_0 of an ε at this x_t. */
  x0: { args: ['vec'], ret: () => 'vec', run: ([e], i) => x0Of(vec(e!), i) },
  /** The ε of an x̂_0 at this x_t. */
  eps: {
    args: ['vec'],
    ret: () => 'vec',
    run: ([v], i) => {
      const a = sq(i.alphaBar);
      const sg = sq(1 - i.alphaBar);
      return [(i.x[0] - a * vec(v!)[0]) / sg, (i.x[1] - a * vec(v!)[1]) / sg];
    },
  },
  /** The p-quantile of the absolute values of a vector's coordinates (linear between them). */
  qabs: {
    args: ['vec', 'num'],
    ret: () => 'num',
    run: ([v, p]) => {
      const lo = Math.min(Math.abs(vec(v!)[0]), Math.abs(vec(v!)[1]));
      const hi = Math.max(Math.abs(vec(v!)[0]), Math.abs(vec(v!)[1]));
      return lo + Math.min(1, Math.max(0, num(p!))) * (hi - lo);
    },
  },
  sqrt: { args: 'any1', ret: (t) => t[0]!, run: map1(Math.sqrt) },
  abs: { args: 'any1', ret: (t) => t[0]!, run: map1(Math.abs) },
  exp: { args: 'any1', ret: (t) => t[0]!, run: map1(Math.exp) },
  log: { args: 'any1', ret: (t) => t[0]!, run: map1(Math.log) },
  min: { args: ['num', 'num'], ret: () => 'num', run: ([a, b]) => Math.min(num(a!), num(b!)) },
  max: { args: ['num', 'num'], ret: () => 'num', run: ([a, b]) => Math.max(num(a!), num(b!)) },
  /** clip(v, lo, hi): each coordinate (or the number) into [lo, hi]. */
  clip: {
    args: 'clip',
    ret: (t) => t[0]!,
    run: ([v, lo, hi]) => map1((n) => Math.min(num(hi!), Math.max(num(lo!), n)))([v!]),
  },
};
export const RULE_FUNCTIONS = Object.keys(FNS);
