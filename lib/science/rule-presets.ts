/**
 * The rule cell's presets: each guidance rule of chapters 3, 7 and 8 as a text of the rule language (rule-lang.ts).
 * Every preset is checked against its lib/ implementation and a hand computation in tests/unit/science/rule-presets.test.ts.
 */

export interface RulePreset {
  id: string;
  label: string;
  text: string;
}

export const RULE_PRESETS: readonly RulePreset[] = [
  { id: 'cfg', label: 'CFG (s form)', text: 'eps_u + s * (eps_y - eps_u)' },
  { id: 'cfg-w', label: 'CFG (w form, Ho & Salimans)', text: '(1 + w) * eps_y - w * eps_u' },
  {
    id: 'interval',
    label: 'Guidance interval (EDM σ in (0.28, 5.42])',
    text: 'k = sigma / sqrt(abar);\nk > 0.28 && k <= 5.42 ? eps_u + s * (eps_y - eps_u) : eps_y',
  },
  {
    id: 'rescale',
    label: 'CFG-rescale (φ = 0.7)',
    text: 'phi = 0.7;\ng = eps_u + s * (eps_y - eps_u);\nphi * g * norm(eps_y) / norm(g) + (1 - phi) * g',
  },
  {
    id: 'apg',
    label: 'APG (η = 0, r = 2.5, no momentum)',
    text: 'eta = 0; r = 2.5;\nd = x0(eps_y) - x0(eps_u);\nd2 = d * min(1, r / max(norm(d), 1e-12));\npar = proj(d2, x0(eps_y));\neps(x0(eps_y) + (s - 1) * (d2 - par + eta * par))',
  },
  {
    id: 'cfgpp',
    label: 'CFG++ (λ = 0.4, deterministic DDIM)',
    text: 'lambda = 0.4;\ng = eps_u + lambda * (eps_y - eps_u);\nr = sqrt(abar_prev) * sigma / sqrt(abar);\nsp = sqrt(1 - abar_prev);\n(sp * eps_u - r * g) / (sp - r)',
  },
  {
    id: 'threshold',
    label: 'Dynamic thresholding of x̂₀ (p = 0.995, b = 2.5)',
    text: 'b = 2.5;\nz = x0(eps_u + s * (eps_y - eps_u));\nk = max(b, qabs(z, 0.995));\neps(clip(z, -k, k) * b / k)',
  },
];

/** The default rule text (CFG in the s form); the URL key `rule` is empty for it. */
export const DEFAULT_RULE = RULE_PRESETS[0]!.text;

/** The preset whose text is `text` (ignoring surrounding white space), if any. */
export function presetOf(text: string): RulePreset | undefined {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return RULE_PRESETS.find((p) => norm(p.text) === norm(text));
}
