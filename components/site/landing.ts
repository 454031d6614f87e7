/** Text of the landing page (not chapter prose), kept out of markup so a translation can follow. */
export const landing = {
  title: 'Classifier-free guidance, from Bayes’ rule to the slider',
  lede:
    'An interactive notebook for students, instructors and researchers. Follow the derivation from the score of a density, ' +
    'through classifier guidance, to the CFG formula, then drag the guidance scale and watch a real diffusion model, ' +
    'trained in your own browser, bend its score field and its samples, always next to the exact answer.',
  whatTitle: 'What you will find here',
  points: [
    'Every formula derived step by step, with the notation of one table used on every page.',
    'A toy world, a mixture of 2D Gaussians per class, in which every score, classifier posterior and guided field is known exactly.',
    'A small diffusion model trained with condition dropout, in your browser or from shipped weights, always drawn against the exact field.',
    'Widgets that share one state: move the guidance scale once and every figure on the page follows; each widget can be embedded in a course page.',
  ],
} as const;
