/** The widgets that exist: each has a component (in index.ts) and an embed page /embed/<name>/. */
export const WIDGET_NAMES = [
  'score-field',
  'guided-sampler',
  'training-lab',
  'classifier-guidance',
  'guidance-sweep',
  'guided-vs-tilted',
  'world-editor',
] as const;
export type WidgetName = (typeof WIDGET_NAMES)[number];
