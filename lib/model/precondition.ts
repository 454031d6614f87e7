/**
 * What the network's raw output F means (the prediction target), and how ε̂ is read from it. Plain JS, per timestep.
 *
 * The network stays an ε-predictor to everything outside lib/model: ε̂(x_t, t, c) = a_t · x_t + b_t · F(c_in,t · x_t, t, c).
 * Four parameterizations (VP notation: x_t = √ᾱ x_0 + √(1−ᾱ) ε; σ = √((1−ᾱ)/ᾱ) is the noise level of the
 * equivalent variance-exploding x = x_t / √ᾱ = x_0 + σ ε):
 *
 * - `eps` (DDPM, the old recipe): F predicts ε; a = 0, b = 1, c_in = 1.
 * - `x0`: F predicts x_0; ε̂ = (x_t − √ᾱ F) / √(1−ᾱ).
 * - `v` (Salimans & Ho 2022): F predicts v = √ᾱ ε − √(1−ᾱ) x_0; ε̂ = √(1−ᾱ) x_t + √ᾱ F.
 * - `edm` (Karras et al. 2022, table 1): D(x; σ) = c_skip x + c_out F(c_in x, c_noise) with
 *   c_skip = σ_d² / (σ² + σ_d²), c_out = σ σ_d / √(σ² + σ_d²), c_in = 1 / √(σ² + σ_d²), and loss weight λ(σ) = 1 / c_out²
 *   on ‖D − x_0‖², i.e. unit weight on F's own target (x_0 − c_skip x) / c_out. ε̂ = (x − D) / σ. c_noise is the
 *   network's existing time embedding of √(t/T) (any fixed monotone map of σ serves; EDM's ¼ ln σ is one).
 *   With σ_d = 1 on a VP schedule this is v-prediction up to the sign of F.
 *
 * Every parameterization trains on the squared error of F against its own target (x_0, ε from the sampled batch:
 * still denoising with sampled noise). In terms of ε that is w_t · (ε̂ − ε)² with w_t = (F − F*)² / (ε̂ − ε)² = 1 / b_t²
 * (`lossWeight`): 1 for ε, σ² for x_0, 1 / ᾱ for v, (σ² + σ_d²) / σ_d² for EDM (= λ(σ) σ²).
 */
import { sigmaOfAlphaBar as sigmaOf } from '../science/sigma';

export const PARAMETERIZATIONS = ['eps', 'x0', 'v', 'edm'] as const;
export type Parameterization = (typeof PARAMETERIZATIONS)[number];

/** EDM's preconditioning at noise level σ (Karras et al. 2022, table 1), and its loss weight λ(σ). */
export interface EdmCoefficients {
  cSkip: number;
  cOut: number;
  cIn: number;
  /** ¼ ln σ (EDM's noise conditioning; reported, not fed: the network embeds √(t/T)). */
  cNoise: number;
  lambda: number;
}

export function edmCoefficients(sigma: number, sigmaData: number): EdmCoefficients {
  const s2 = sigma * sigma;
  const d2 = sigmaData * sigmaData;
  const r = Math.sqrt(s2 + d2);
  const cOut = (sigma * sigmaData) / r;
  return { cSkip: d2 / (s2 + d2), cOut, cIn: 1 / r, cNoise: Math.log(sigma) / 4, lambda: 1 / (cOut * cOut) };
}

/** σ = √((1 − ᾱ) / ᾱ): the noise level of x_t / √ᾱ (lib/science/sigma.ts). */
export { sigmaOf };

/** ε̂ = a · x_t + b · F(c_in · x_t): the coefficients at one ᾱ. */
export interface EpsReadout {
  a: number;
  b: number;
  cIn: number;
}

export function epsReadout(p: Parameterization, alphaBar: number, sigmaData = 1): EpsReadout {
  const sa = Math.sqrt(alphaBar);
  const sb = Math.sqrt(1 - alphaBar);
  switch (p) {
    case 'eps':
      return { a: 0, b: 1, cIn: 1 };
    case 'x0':
      return { a: 1 / sb, b: -sa / sb, cIn: 1 };
    case 'v':
      return { a: sb, b: sa, cIn: 1 };
    case 'edm': {
      // ε̂ = ((1 − c_skip) x − c_out F) / σ with x = x_t / √ᾱ, and F's input c_in x
      const sigma = sigmaOf(alphaBar);
      const c = edmCoefficients(sigma, sigmaData);
      return { a: (1 - c.cSkip) / (sigma * sa), b: -c.cOut / sigma, cIn: c.cIn / sa };
    }
  }
}

/** F's training target for a point x_t made from x_0 and ε at ᾱ (one coordinate). */
export function networkTarget(p: Parameterization, alphaBar: number, x0: number, eps: number, sigmaData = 1): number {
  const sa = Math.sqrt(alphaBar);
  const sb = Math.sqrt(1 - alphaBar);
  switch (p) {
    case 'eps':
      return eps;
    case 'x0':
      return x0;
    case 'v':
      return sa * eps - sb * x0;
    case 'edm': {
      const sigma = sigmaOf(alphaBar);
      const c = edmCoefficients(sigma, sigmaData);
      const x = x0 + sigma * eps;
      return (x0 - c.cSkip * x) / c.cOut;
    }
  }
}

/** The weight w_t with (F − F*)² = w_t (ε̂ − ε)²: the ε-space loss weight each parameterization trains with (1 / b²). */
export function lossWeight(p: Parameterization, alphaBar: number, sigmaData = 1): number {
  const { b } = epsReadout(p, alphaBar, sigmaData);
  return 1 / (b * b);
}
