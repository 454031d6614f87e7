/** Interface strings of the rule cell (not prose), so a translation can follow. */
export const ruleText = {
  label: 'Guidance rule: ε̃ =',
  preset: 'Preset',
  custom: 'your own rule',
  help: 'Names: eps_u (ε_∅), eps_y (ε_y), x (x_t), s, w = s − 1, t, sigma (σ_t), abar (ᾱ_t), abar_prev. Functions: dot, norm, proj, x0, eps, qabs, sqrt, abs, exp, log, min, max, clip. Statements: name = expression; … then the expression for ε̃.',
  drawing: (preset: string | undefined) => `Drawing: ${preset ?? 'your own rule'}.`,
  keptLast: 'The figures keep drawing the last rule that worked.',
  reset: 'Reset to CFG',
} as const;
