/**
 * The notation of the notebook: one data module that the notation page and the chapters read.
 * TeX is KaTeX source; `code` is the identifier used in lib/ and in URLs (empty when there is none).
 * `meaning` is prose that may hold inline TeX between single dollar signs.
 * `chapter` is the slug of the chapter that introduces the symbol.
 */
export interface NotationEntry {
  id: string;
  tex: string;
  meaning: string;
  code: string;
  chapter: string;
}

export const NOTATION: readonly NotationEntry[] = [
  { id: 'x0', tex: 'x_0 \\in \\mathbb{R}^2', meaning: 'a data point of the toy world (a clean sample)', code: 'x0', chapter: '01-scores-and-bayes' },
  {
    id: 'y',
    tex: 'y \\in \\{0,\\dots,K-1\\}',
    meaning: 'class label; 0-based index in code and URLs, shown by name in the widgets',
    code: 'y',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'null',
    tex: '\\varnothing',
    meaning: 'the null (dropped) condition: "no label"',
    code: 'NULL_CLASS',
    chapter: '03-classifier-free-guidance',
  },
  {
    id: 't',
    tex: 't \\in \\{0,\\dots,T-1\\},\\ T = 1000',
    meaning: 'discrete timestep; larger $t$ is noisier (diffusers convention)',
    code: 't',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'schedule',
    tex: '\\beta_t,\\ \\alpha_t = 1-\\beta_t,\\ \\bar\\alpha_t = \\textstyle\\prod_{i \\le t} \\alpha_i',
    meaning: 'noise schedule: per-step variance, its complement, and their running product',
    code: 'betas, alphas, alphasCumprod',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'eps',
    tex: '\\varepsilon \\sim \\mathcal{N}(0, I)',
    meaning: 'the Gaussian noise mixed into $x_0$',
    code: '',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'xt',
    tex: 'x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon',
    meaning: 'the noised point at step $t$ (forward process)',
    code: 'xt',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'pt',
    tex: 'p_t(x_t),\\ p_t(x_t \\mid y)',
    meaning: 'density of $x_t$, unconditional and for class $y$ (the data density blurred by the forward process)',
    code: '',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'score',
    tex: '\\nabla_{x_t} \\log p_t(x_t)',
    meaning: 'the score: gradient of the log density of $x_t$; equals $-\\varepsilon^*/\\sqrt{1-\\bar\\alpha_t}$',
    code: 'score',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'epsstar',
    tex: '\\varepsilon^*(x_t, t, y),\\ \\varepsilon^*(x_t, t, \\varnothing)',
    meaning:
      'the exact (ideal) noise predictions $\\mathbb{E}[\\varepsilon \\mid x_t, y]$ and $\\mathbb{E}[\\varepsilon \\mid x_t]$, computed analytically for the toy worlds',
    code: 'ExactDenoiser',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'epstheta',
    tex: '\\varepsilon_\\theta(x_t, t, y),\\ \\varepsilon_\\theta(x_t, t, \\varnothing)',
    meaning: 'the network’s conditional and unconditional noise predictions',
    code: 'epsCond, epsUncond',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 'epsshort',
    tex: '\\varepsilon_y,\\ \\varepsilon_\\varnothing',
    meaning: 'shorthand for the conditional and unconditional predictions at the current $x_t$ and $t$',
    code: 'epsCond, epsUncond',
    chapter: '03-classifier-free-guidance',
  },
  {
    id: 'classifier',
    tex: 'p_t(y \\mid x_t),\\ \\nabla_{x_t} \\log p_t(y \\mid x_t)',
    meaning: 'the noisy classifier (class posterior at step $t$) and its gradient',
    code: 'classifierGrad',
    chapter: '01-scores-and-bayes',
  },
  {
    id: 's',
    tex: 's',
    meaning:
      'guidance scale: $\\tilde\\varepsilon = \\varepsilon_\\varnothing + s(\\varepsilon_y - \\varepsilon_\\varnothing)$; $s = 0$ unconditional, $s = 1$ conditional, $s > 1$ guided',
    code: 's',
    chapter: '02-classifier-guidance',
  },
  {
    id: 'gs',
    tex: 'g_s(x_t)',
    meaning: 'the guided score: the vector field a guided sampler follows in place of the score (not the score of $p_t(x_t \\mid y)$ unless $s = 1$)',
    code: '',
    chapter: '02-classifier-guidance',
  },
  {
    id: 'w',
    tex: 'w = s - 1',
    meaning: 'Ho & Salimans’ guidance weight: $\\tilde\\varepsilon = (1+w)\\varepsilon_y - w\\varepsilon_\\varnothing$ (mentioned, not used)',
    code: '',
    chapter: '03-classifier-free-guidance',
  },
  {
    id: 'epstilde',
    tex: '\\tilde\\varepsilon',
    meaning: 'the guided noise prediction that the sampler uses in place of $\\varepsilon$',
    code: '',
    chapter: '03-classifier-free-guidance',
  },
  {
    id: 'puncond',
    tex: 'p_{\\text{uncond}}',
    meaning: 'probability of replacing $y$ by $\\varnothing$ in a training example',
    code: 'pUncond',
    chapter: '04-training-with-condition-dropout',
  },
  {
    id: 'eta',
    tex: '\\eta \\in [0, 1]',
    meaning: 'DDIM’s noise parameter: $0$ deterministic (the probability-flow ODE), $1$ the DDPM step’s noise',
    code: 'eta',
    chapter: '05-sampling-with-guidance',
  },
  {
    id: 'x0hat',
    tex: '\\hat{x}_0',
    meaning: 'the denoised estimate $(x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\tilde\\varepsilon)/\\sqrt{\\bar\\alpha_t}$',
    code: '',
    chapter: '05-sampling-with-guidance',
  },
];

export function notationById(id: string): NotationEntry {
  const e = NOTATION.find((n) => n.id === id);
  if (!e) throw new Error(`notation: unknown symbol id "${id}"`);
  return e;
}

/** Split a meaning into prose and inline-TeX parts (odd indices are TeX). */
export function splitInlineTex(s: string): string[] {
  return s.split('$');
}
