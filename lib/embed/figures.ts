/**
 * The figures of the chapters that show each widget, read from the MDX source, DOM-free: the figure's number, id,
 * caption and text alternative, so that an embed page carries the same text alternative as the chapter.
 */

export interface FigureText {
  /** The figure's anchor id in its chapter (fig-<id>). */
  id: string;
  /** Its number ("3.1"), or "". */
  n: string;
  /** The widget it shows (kebab-case, e.g. "score-field"). */
  widget: string;
  /** The caption, as MDX text: may contain $…$ math; tags are removed. */
  caption: string;
  /** The text alternative (alt). */
  alt: string;
  /** The chapter it belongs to (collection id). */
  chapter: string;
}

/** "ScoreField" → "score-field". */
export const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function attribute(tag: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : '';
}

/** Removes MDX/HTML tags (citations, spans) from a caption and collapses white space. */
export function plainCaption(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every <Figure> of one chapter's MDX that contains one of `widgets` (component names such as "ScoreField"). */
export function figuresOf(chapter: string, mdx: string, widgets: readonly string[]): FigureText[] {
  const out: FigureText[] = [];
  const re = /<Figure\b([^>]*)>([\s\S]*?)<\/Figure>/g;
  for (let m = re.exec(mdx); m; m = re.exec(mdx)) {
    const [, attrs = '', body = ''] = m;
    const widget = widgets.find((w) => new RegExp(`<${w}\\b`).test(body));
    if (!widget) continue;
    const slot = /<span slot="caption">([\s\S]*?)<\/span>\s*\n/.exec(body);
    out.push({
      id: attribute(attrs, 'id'),
      n: attribute(attrs, 'n'),
      widget: kebab(widget),
      caption: plainCaption(slot ? slot[1]! : attribute(attrs, 'caption')),
      alt: attribute(attrs, 'alt'),
      chapter,
    });
  }
  return out;
}

/** Splits a caption into text and $…$ math parts, for rendering the math with KaTeX. */
export function captionParts(caption: string): { math: boolean; text: string }[] {
  return caption
    .split(/(\$[^$]+\$)/)
    .filter(Boolean)
    .map((part) => (part.startsWith('$') && part.endsWith('$') && part.length > 2 ? { math: true, text: part.slice(1, -1) } : { math: false, text: part }));
}
