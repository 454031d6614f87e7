// The widgets an MDX chapter may use without importing them (merged with the article components).
import ScoreField from './score-field/ScoreField.astro';
import GuidedSampler from './guided-sampler/GuidedSampler.astro';

export const widgetComponents = { ScoreField, GuidedSampler };

/** Widgets that have an embed page at /embed/<name>/, with a title each. */
export const EMBEDDABLE = {
  'score-field': { component: ScoreField, title: 'Score-field explorer' },
  'guided-sampler': { component: GuidedSampler, title: 'Guided sampler' },
} as const;
