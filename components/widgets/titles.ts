import type { WidgetName } from './names';

/** Every widget's title: its embed page's heading, and the name of the frame that embeds it. */
export const WIDGET_TITLES: Record<WidgetName, string> = {
  'score-field': 'Score-field explorer',
  'guided-sampler': 'Guided sampler',
  'training-lab': 'Training lab',
  'classifier-guidance': 'Classifier guidance vs CFG',
  'guidance-sweep': 'Fidelity–diversity sweep',
  'guided-vs-tilted': 'Guided is not tilted',
  'world-editor': 'Your own world',
};
