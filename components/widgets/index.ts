// The widgets an MDX chapter may use without importing them (merged with the article components).
import ScoreField from './score-field/ScoreField.astro';
import GuidedSampler from './guided-sampler/GuidedSampler.astro';
import TrainingLab from './training-lab/TrainingLab.astro';
import ClassifierGuidance from './classifier-guidance/ClassifierGuidance.astro';
import GuidanceSweep from './guidance-sweep/GuidanceSweep.astro';
import GuidedVsTilted from './guided-vs-tilted/GuidedVsTilted.astro';
import RuleCell from './rule-cell/RuleCell.astro';
import type { WidgetName } from './names';

export const widgetComponents = { ScoreField, GuidedSampler, TrainingLab, ClassifierGuidance, GuidanceSweep, GuidedVsTilted, RuleCell };

/** Every widget's embed page /embed/<name>/: its component and title. */
export const EMBEDDABLE: Record<WidgetName, { component: typeof ScoreField; title: string }> = {
  'score-field': { component: ScoreField, title: 'Score-field explorer' },
  'guided-sampler': { component: GuidedSampler, title: 'Guided sampler' },
  'training-lab': { component: TrainingLab, title: 'Training lab' },
  'classifier-guidance': { component: ClassifierGuidance, title: 'Classifier guidance vs CFG' },
  'guidance-sweep': { component: GuidanceSweep, title: 'Fidelity–diversity sweep' },
  'guided-vs-tilted': { component: GuidedVsTilted, title: 'Guided is not tilted' },
};
