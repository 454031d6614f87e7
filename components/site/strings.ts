/** Interface strings of the site chrome (not prose), in one place so a translation can follow. */
export const ui = {
  siteName: 'scorefield',
  tagline: 'Classifier-free guidance, derived and dragged',
  embedFigures: 'Embed a figure in your course',
  skipToContent: 'Skip to content',
  skipToFigure: 'Skip to a figure',
  skipToFigureN: (n: string) => `Skip to figure ${n}`,
  themeToggle: 'Dark theme',
  chapters: 'Chapters',
  contents: 'On this page',
  previous: 'Previous',
  next: 'Next',
  chapter: 'Chapter',
  startReading: 'Start reading',
  sourceNote: 'Open source. Every figure is computed in your browser; no data leaves the page.',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address. The chapters are listed below.',
} as const;
