// The widgets an MDX chapter may use without importing them (merged with the article components).
import ScoreField from './score-field/ScoreField.astro';

export const widgetComponents = { ScoreField };

/** Widgets that have an embed page at /embed/<name>/, with a title each. */
export const EMBEDDABLE = {
  'score-field': { component: ScoreField, title: 'Score-field explorer' },
} as const;
