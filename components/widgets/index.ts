// The widgets an MDX chapter may use without importing them (merged with the article components).
import ScoreField from './score-field/ScoreField.astro';
import GuidedSampler from './guided-sampler/GuidedSampler.astro';
import TrainingLab from './training-lab/TrainingLab.astro';
import ClassifierGuidance from './classifier-guidance/ClassifierGuidance.astro';
import GuidanceSweep from './guidance-sweep/GuidanceSweep.astro';
import GuidedVsTilted from './guided-vs-tilted/GuidedVsTilted.astro';
import RuleCell from './rule-cell/RuleCell.astro';
import WorldEditor from './world-editor/WorldEditor.astro';
import type { WidgetName } from './names';
import { WIDGET_TITLES as T } from './titles';

export const widgetComponents = { ScoreField, GuidedSampler, TrainingLab, ClassifierGuidance, GuidanceSweep, GuidedVsTilted, RuleCell, WorldEditor };

/** Every widget's embed page /embed/<name>/: its component and title. */
export const EMBEDDABLE: Record<WidgetName, { component: typeof ScoreField; title: string }> = {
  'score-field': { component: ScoreField, title: T['score-field'] },
  'guided-sampler': { component: GuidedSampler, title: T['guided-sampler'] },
  'training-lab': { component: TrainingLab, title: T['training-lab'] },
  'classifier-guidance': { component: ClassifierGuidance, title: T['classifier-guidance'] },
  'guidance-sweep': { component: GuidanceSweep, title: T['guidance-sweep'] },
  'guided-vs-tilted': { component: GuidedVsTilted, title: T['guided-vs-tilted'] },
  'world-editor': { component: WorldEditor, title: T['world-editor'] },
};
