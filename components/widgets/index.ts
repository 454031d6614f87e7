// The widgets an MDX chapter may use without importing them (merged with the article components).
import ScoreField from './score-field/ScoreField.astro';
import GuidedSampler from './guided-sampler/GuidedSampler.astro';
import TrainingLab from './training-lab/TrainingLab.astro';
import type { WidgetName } from './names';

export const widgetComponents = { ScoreField, GuidedSampler, TrainingLab };

/** Every widget's embed page /embed/<name>/: its component and title. */
export const EMBEDDABLE: Record<WidgetName, { component: typeof ScoreField; title: string }> = {
  'score-field': { component: ScoreField, title: 'Score-field explorer' },
  'guided-sampler': { component: GuidedSampler, title: 'Guided sampler' },
  'training-lab': { component: TrainingLab, title: 'Training lab' },
};
