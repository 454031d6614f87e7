/** Text of the landing page (not chapter prose), kept out of markup so a translation can follow. */
export const landing = {
  title: 'Classifier-free guidance, from Bayes’ rule to the slider',
  lede:
    'An interactive notebook for students, instructors and researchers. Follow the derivation from the score of a density, ' +
    'through classifier guidance, to the CFG formula, then drag the guidance scale and watch a real diffusion model, ' +
    'trained in your own browser, bend its score field and its samples, always next to the exact answer.',
  heroAlt: (s: number) =>
    s === 0
      ? 'Arrows of the exact score of all the data, two overlapping Gaussian classes, at s = 0: they point to the bulk of both classes.'
      : s === 1
        ? 'Arrows of the exact conditional score at s = 1: they converge on the right-hand class, which is shaded.'
        : `Arrows of the exact guided score at s = ${s}: they converge beyond the centre of the right-hand class, on the side away from the other class, where the shaded density they are the gradient of has moved.`,
  heroPanel: (s: number) => (s === 0 ? 's = 0: all data' : s === 1 ? 's = 1: class y' : `s = ${s}: guided`),
  heroSetS: (s: number) => `Set the slider to s = ${s}`,
  heroSlider: 'Drag s',
  heroCaption: (t: number) =>
    `The guided score (1 − s)∇log p_t(x) + s∇log p_t(x | y) of two Gaussian classes at t = ${t}, computed exactly; the shading is the density it is the gradient of. Arrow length grows with the logarithm of |score|, on one scale for all four panels.`,
  whatTitle: 'What you will find here',
  points: [
    'Every formula derived step by step, with the notation of one table used on every page.',
    'A toy world, a mixture of 2D Gaussians per class, in which every score, classifier posterior and guided field is known exactly.',
    'A small diffusion model trained with condition dropout, in your browser or from shipped weights, always drawn against the exact field.',
    'Widgets that share one state: move the guidance scale once and every figure on the page follows; each widget can be embedded in a course page.',
  ],
} as const;
